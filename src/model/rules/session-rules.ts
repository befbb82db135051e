import type { SessionRule } from './rule';

/** Rules the session evaluates across frames, sockets and interactions (session.ts). */
export const KEEPALIVE_GAP: SessionRule = {
  id: 'keepalive-gap',
  severity: 'warn',
  summary:
    'No inbound frame on a socket for over 8 s (the SDK calls the connection lost); over 16 s is an error (the server drops the socket).',
};
export const RECONNECT_WITHOUT_HYDRATE: SessionRule = {
  id: 'reconnect-without-hydrate',
  severity: 'error',
  summary: 'An interaction active before a reconnect gets no AgentContact snapshot after it.',
};
export const MISSED_TRANSITIONS: SessionRule = {
  id: 'missed-transitions',
  severity: 'warn',
  summary:
    'The AgentContact snapshot after a reconnect differs from the last one before it: these changes happened unseen.',
};
export const SEQUENCE_GAP: SessionRule = {
  id: 'sequence-gap',
  severity: 'error',
  summary: 'Frames are missing from the capture itself (a jump in seq).',
};
export const RONA_OVERDUE: SessionRule = {
  id: 'rona-overdue',
  severity: 'warn',
  summary: 'An offer neither answered nor RONA-ed within ronaTimeout seconds (plus 5 s).',
};
