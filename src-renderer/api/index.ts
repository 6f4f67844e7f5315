import type { Api } from '@shared/api';
import { createWsApi, wsUrlFromLocation } from './ws-client';

let current: Api | null = null;

/**
 * The back end, whichever shell runs us: Electron's preload object (window.api) or, in a browser, a WebSocket
 * client of the local server. This module is the only reader of window.api.
 */
export function useApi(): Api {
  if (!current) current = window.api ?? createWsApi(wsUrlFromLocation(window.location));
  return current;
}

/** Replaces the back end (tests use a fake). */
export function setApi(api: Api): void {
  current = api;
}

/** True inside Electron, where native file dialogs exist; a browser asks for paths as text. */
export function hasNativeDialogs(): boolean {
  return typeof window !== 'undefined' && window.api !== undefined;
}
