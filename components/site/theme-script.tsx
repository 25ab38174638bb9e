// Runs before the page paints so a remembered dark theme never flashes light. The choice lives
// in localStorage ("light" | "dark"); with no choice the system preference decides.
const script = `(function(){try{var t=localStorage.getItem("layerlab-theme");var d=t?t==="dark":window.matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: script }} />;
}
