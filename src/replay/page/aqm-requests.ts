import { classifyRequest, resultKind } from '../../model/requests/operations';

/**
 * The page side of a task or agent call, as the Desktop's `AqmReqs` does it (protocol doc §10.9):
 * the pending entry is registered before the REST call (a result may beat the 202), each
 * notification is checked against pending calls in the order they were made and the first match
 * wins, an HTTP error ends the call at once, and a call without result times out after the
 * operation's timeout. Success and cancel resolve with the notification message; failure rejects
 * with it.
 */
export interface AqmMessage {
  readonly type?: unknown;
  readonly data?: unknown;
  readonly [key: string]: unknown;
}

interface Pending {
  readonly interactionId: string | undefined;
  readonly operation: NonNullable<ReturnType<typeof classifyRequest>>['operation'];
  readonly resolve: (message: AqmMessage) => void;
  readonly reject: (reason: unknown) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class AqmRequests {
  private readonly pending: Pending[] = [];

  constructor(private readonly origin: string) {}

  /** Sends `method path` with `body` to the replay server and waits for its result notification. */
  call(method: string, path: string, body?: unknown): Promise<AqmMessage> {
    const call = classifyRequest(method, path);
    const text = body === undefined ? undefined : JSON.stringify(body);
    if (!call) return this.send(method, path, text).then(() => ({}));
    return new Promise<AqmMessage>((resolve, reject) => {
      const entry: Pending = {
        interactionId: call.interactionId,
        operation: call.operation,
        resolve,
        reject,
        timer: undefined,
      };
      if (call.operation.timeoutMs !== null) {
        entry.timer = setTimeout(() => {
          this.remove(entry);
          reject(new Error(`${call.operation.name}: no result within ${call.operation.timeoutMs} ms`));
        }, call.operation.timeoutMs);
      }
      this.pending.push(entry);
      this.send(method, path, text).catch((error: unknown) => {
        this.remove(entry);
        reject(error);
      });
    });
  }

  /** A notification arrived: the first pending call it answers is settled. */
  onMessage(message: AqmMessage): void {
    const data = isRecord(message.data) ? message.data : undefined;
    const name = typeof data?.['type'] === 'string' ? data['type'] : undefined;
    if (!name) return;
    const interactionId = typeof data?.['interactionId'] === 'string' ? data['interactionId'] : undefined;
    for (const entry of this.pending) {
      const kind = resultKind(entry.operation, name);
      if (!kind) continue;
      const sameTask =
        entry.operation.scope === 'agent' ||
        interactionId === entry.interactionId ||
        (kind === 'failure' && interactionId === undefined);
      if (!sameTask) continue;
      this.remove(entry);
      if (kind === 'failure') entry.reject(message);
      else entry.resolve(message);
      return;
    }
  }

  private remove(entry: Pending): void {
    const at = this.pending.indexOf(entry);
    if (at >= 0) this.pending.splice(at, 1);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
  }

  private async send(method: string, path: string, body: string | undefined): Promise<void> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body,
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
