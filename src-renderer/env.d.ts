/// <reference types="vite/client" />
import type { Api } from '@shared/api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where api/ connects over WebSocket instead. */
    api?: Api;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
