export const navLinks = [
  { href: "/learn", label: "Learn" },
  { href: "/quizzes", label: "Quizzes" },
  { href: "/labs", label: "Labs" },
  { href: "/review", label: "Review" },
  { href: "/dashboard", label: "Dashboard" },
] as const;
