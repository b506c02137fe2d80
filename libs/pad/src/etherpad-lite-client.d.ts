// Types for etherpad-lite-client@0.9.0 (it ships none). Only what transport.ts uses.
declare module 'etherpad-lite-client' {
  import type { RequestOptions } from 'node:http';

  export interface EtherpadLiteError {
    /** -1 for transport and parse failures, else the API's own code (1 wrong parameters, 2 internal error, 3 no such function, 4 wrong API key). */
    code: number;
    message: string;
  }

  export type EtherpadLiteCallback = (error: EtherpadLiteError | null, data: unknown) => void;

  export interface EtherpadLiteConnectOptions extends RequestOptions {
    apikey: string;
    /** e.g. /api/1.2.15/ (default /api/1.2.12/) */
    rootPath?: string;
    ssl?: boolean;
  }

  export interface EtherpadLiteApi {
    options: EtherpadLiteConnectOptions;
    call(functionName: string, args: Record<string, string>, callback: EtherpadLiteCallback): void;
  }

  export function connect(options: EtherpadLiteConnectOptions): EtherpadLiteApi;
  const client: { connect: typeof connect };
  export default client;
}
