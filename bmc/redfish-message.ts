/** The human message of a Redfish error body (`error.message`, else the first extended message). */
export function redfishMessage(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = (body as { error?: { message?: unknown; "@Message.ExtendedInfo"?: unknown } } | null)?.error;
  if (typeof error?.message === "string" && error.message !== "") return error.message.slice(0, 300);
  const info = error?.["@Message.ExtendedInfo"];
  const first = Array.isArray(info) ? (info[0] as { Message?: unknown } | undefined) : undefined;
  return typeof first?.Message === "string" ? first.Message.slice(0, 300) : undefined;
}
