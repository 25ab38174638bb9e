// Reason phrases (RFC 9110 §15) for the statuses the engine answers with by itself: refusals of
// the server connection, the L7 listener's own errors, an endpoint's refusals.
export const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  413: "Content Too Large",
  431: "Request Header Fields Too Large",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export const reasonPhrase = (status: number): string => REASON_PHRASES[status] ?? "Error";
