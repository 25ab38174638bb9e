import { z } from "zod";
import { labIdFrom, parseInput, withViewer } from "@/lib/engine/http";
import { readConfig } from "@/lib/engine/labs";

export const dynamic = "force-dynamic";

const formatSchema = z.enum(["nginx", "haproxy"], { message: 'format must be "nginx" or "haproxy"' });

/** The lab as a real nginx or HAProxy configuration, as plain text. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withViewer(async (viewer) => {
    const id = await labIdFrom(params);
    const format = parseInput(formatSchema, new URL(request.url).searchParams.get("format"), "config request");
    const text = await readConfig(id, viewer.owner, format);
    return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  });
}
