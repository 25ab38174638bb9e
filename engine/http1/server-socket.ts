// What an HTTP server connection (server-connection.ts) needs of the socket it serves: the part
// of net.Socket's surface it uses. A net.Socket or tls.TLSSocket has it, and so does the
// handle-based socket the plain-HTTP L7 listener accepts on (engine/transport/handle-socket.ts).
import type { EventEmitter } from "node:events";
import type net from "node:net";

/** Any event listener (EventEmitter's own listener type). */
type Listener = Parameters<EventEmitter["on"]>[1];

export interface ServerSocket {
  readonly destroyed: boolean;
  readonly writable: boolean;
  /** A write returned false and 'drain' has not followed yet. */
  readonly writableNeedDrain: boolean;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly remoteAddress?: string;
  readonly remotePort?: number;
  write(data: string | Uint8Array, encoding?: BufferEncoding): boolean;
  end(data?: string | Uint8Array): unknown;
  cork(): void;
  uncork(): void;
  destroy(): unknown;
  setNoDelay(noDelay?: boolean): unknown;
  pause(): unknown;
  resume(): unknown;
  on(event: "data" | "close" | "drain" | "error", listener: Listener): unknown;
  once(event: "drain", listener: Listener): unknown;
  off(event: "drain", listener: Listener): unknown;
  removeListener(event: "data" | "close", listener: Listener): unknown;
  /** A handle-based socket gives its handle to a net.Socket for an upgrade (HandleSocket.handOff). */
  handOff?(): net.Socket;
}

/** The socket an upgrade handler gets: the same one, or for a handle-based socket its net.Socket successor. */
export function upgradeSocket(socket: ServerSocket): net.Socket {
  return socket.handOff ? socket.handOff() : (socket as net.Socket);
}
