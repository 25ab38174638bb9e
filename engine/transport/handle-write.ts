// Writes a string straight to a connected plain net.Socket's libuv handle, past net's Writable.
//
// Why: every request the L7 proxy relays on a pooled keep-alive connection leaves in one write
// of its head. Through net, that write runs the Writable machinery (writeOrBuffer, a new
// WriteWrap, and an afterWrite callback on the next tick) for what libuv almost always finishes
// at once. Here the write request is reused while writes finish at once, as HandleSocket does.
//
// The socket stays net's in every other way, so this only writes when net has nothing of its own
// in flight (libuv then keeps every write in order) and the socket is plain TCP. Otherwise it
// says no and the caller writes through net. `socket.bytesWritten` still counts these bytes: net
// reads it from the handle's own counter.
import type net from "node:net";
import util from "node:util";
import { libuvTcp, type Req, type TcpHandle } from "./libuv-tcp";

interface QueuedWrite {
  oncomplete: (this: QueuedWrite, status: number) => void;
  socket: net.Socket;
}

/** A write request left free by a write that finished at once (no write of it is in flight). */
let spare: Req | null = null;

/** True when `data` was handed to the handle (or the write failed and the socket was destroyed). */
export function writeLatin1ToHandle(socket: net.Socket, data: string): boolean {
  const uv = libuvTcp();
  const handle = (socket as net.Socket & { _handle?: TcpHandle | null })._handle;
  if (!uv || !handle || socket.connecting || !socket.writable || socket.writableLength > 0 || (socket as { encrypted?: boolean }).encrypted) return false;
  const req = (spare ?? uv.newWriteReq()) as QueuedWrite;
  spare = null;
  const err = handle.writeLatin1String(req, data);
  if (err !== 0) socket.destroy(writeError(err));
  else if (!uv.lastWriteWasAsync()) spare = req;
  else {
    // Part of it waits for the kernel's buffer; libuv finishes it (C++ keeps a copy of the rest).
    req.oncomplete = afterQueuedWrite;
    req.socket = socket;
  }
  return true;
}

function afterQueuedWrite(this: QueuedWrite, status: number): void {
  if (status < 0) this.socket.destroy(writeError(status));
}

function writeError(code: number): Error {
  return Object.assign(new Error(`write to the endpoint failed: ${util.getSystemErrorName(code)}`), { code: "LL_UPSTREAM_RESET" });
}
