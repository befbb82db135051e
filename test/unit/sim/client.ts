// A minimal stand-in for the desktop page, in Node: subscribe over REST, open the
// returned websocket, collect what arrives.
import WebSocket from 'ws';
import type { Scenario } from '../../sim/scenario.ts';

export interface Received {
  text?: string;
  binary?: Buffer;
  at: number;
}

export const KEEPALIVE = '{"keepalive":"true"}';

export interface SubscribeResponse {
  statusCode: number;
  message: string;
  body: { webSocketUrl: string; subscriptionId: string };
}

export async function subscribe(origin: string, query = ''): Promise<{ status: number; json: SubscribeResponse }> {
  const res = await fetch(`${origin}/v1/notification/subscribe${query}`, {
    method: 'POST',
    body: JSON.stringify({ force: true, isKeepAliveEnabled: true, clientType: 'AgentDesktop', allowMultiLogin: false }),
  });
  return { status: res.status, json: (await res.json()) as SubscribeResponse };
}

export class Client {
  readonly ws: WebSocket;
  readonly messages: Received[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  constructor(url: string, protocols?: string[]) {
    this.ws = new WebSocket(url, protocols);
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.messages.push(
        isBinary ? { binary: Buffer.from(data), at: Date.now() } : { text: data.toString('utf8'), at: Date.now() },
      );
      for (const w of this.waiters.splice(0)) w();
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code: number, reason: Buffer) => {
        resolve({ code, reason: reason.toString('utf8') });
        for (const w of this.waiters.splice(0)) w();
      });
    });
    this.ws.on('error', () => {
      /* surfaced through opened/closed */
    });
  }

  static async connect(origin: string, query = ''): Promise<{ client: Client; subscriptionId: string; url: string }> {
    const { json } = await subscribe(origin, query);
    const url = json.body.webSocketUrl;
    const client = new Client(url);
    await client.opened;
    return { client, subscriptionId: json.body.subscriptionId, url };
  }

  /** Non-keepalive messages. */
  frames(): Received[] {
    return this.messages.filter((m) => m.text !== KEEPALIVE);
  }

  keepalives(): number {
    return this.messages.filter((m) => m.text === KEEPALIVE).length;
  }

  async waitFor(pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${this.messages.length} messages`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  send(text: string): void {
    this.ws.send(text);
  }
  close(): void {
    this.ws.terminate();
  }
}

/** What the simulator should put on the wire for steps [from, to), skipping notes. */
export function expectedWire(s: Scenario, from = 0, to = s.steps.length): Array<{ text?: string; binary?: Buffer }> {
  const out: Array<{ text?: string; binary?: Buffer }> = [];
  for (const step of s.steps.slice(from, to)) {
    if (step.frame) out.push({ text: JSON.stringify(step.frame) });
    else if (step.raw !== undefined) out.push({ text: step.raw });
    else if (step.binaryHex !== undefined) out.push({ binary: Buffer.from(step.binaryHex, 'hex') });
  }
  return out;
}

export function dropIndex(s: Scenario): number {
  return s.steps.findIndex((st) => st.drop !== undefined);
}

export function strip(m: Received): { text?: string; binary?: Buffer } {
  return m.binary ? { binary: m.binary } : { text: m.text };
}
