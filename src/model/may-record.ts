/*
 * No imports: the page overlay (src/overlay/shared/badges.ts) reads it too, and must not pull the
 * model into the page.
 */

/**
 * Whether a task of this media type can be recorded: a voice call can, digital channels (chat,
 * e-mail, social…) never are. An unknown media type may be a call. Where the recording state is
 * `unknown` this tells "not said" (worth showing) from "never recorded" (nothing to show): the
 * panel's Recording lane and badges, the overlay's badges and the CLI's flags all read it.
 */
export function mayRecord(mediaType: string | undefined | null): boolean {
  return mediaType === undefined || mediaType === null || mediaType === 'telephony';
}
