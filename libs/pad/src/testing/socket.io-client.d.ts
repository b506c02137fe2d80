// Types for socket.io-client@2.5.0 (it ships none). Only what etherpad-socket.ts uses.
declare module 'socket.io-client' {
  export interface SocketIoOptions {
    path?: string;
    query?: Record<string, string>;
    transports?: string[];
    /** Node only: sent with every polling request and the WebSocket upgrade. */
    extraHeaders?: Record<string, string>;
    forceNew?: boolean;
    multiplex?: boolean;
    reconnection?: boolean;
    /** Connect timeout in ms. */
    timeout?: number;
    rejectUnauthorized?: boolean;
  }

  export interface SocketIoSocket {
    readonly connected: boolean;
    readonly id: string;
    readonly io: { readonly engine?: { readonly transport?: { readonly name: string } } };
    on(event: string, listener: (...args: never[]) => void): this;
    once(event: string, listener: (...args: never[]) => void): this;
    off(event?: string, listener?: (...args: never[]) => void): this;
    send(...args: unknown[]): this;
    emit(event: string, ...args: unknown[]): this;
    close(): this;
  }

  function io(uri: string, options?: SocketIoOptions): SocketIoSocket;
  export default io;
}
