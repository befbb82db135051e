/**
 * What the decoder remembers between frames of one capture: the unknown-key paths it has already
 * listed, so that a key the schema does not know is reported on the first frame that has it and
 * not again on every later frame (a 10,000-frame capture would otherwise carry 10,000 copies of
 * the same note).
 *
 * Use one session per capture (per tab, per loaded file) and pass it to every `decodeFrame`
 * call, in frame order; start a new one when the capture is cleared or another is loaded.
 * Decoding is then a function of the frame list, as the model requires: the same frames in the
 * same order give the same findings. Without a session, each frame is decoded on its own and
 * lists every unknown key it contains (once per path within the frame).
 */
export interface DecodeSession {
  readonly seenUnknownKeys: Set<string>;
}

export function createDecodeSession(): DecodeSession {
  return { seenUnknownKeys: new Set() };
}
