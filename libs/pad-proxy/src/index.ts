export { createPadProxy, type PadProxy, type PadProxyOptions } from './proxy';
export { classifyPadRequest, type PadRoute } from './route';
export { etherpadCookieHeader } from './cookies';
export { handPadSocketToParent, isPadSocketMessage, PAD_SOCKET_MESSAGE, passPadSocket, upstreamUpgradeHead, type PadSocketMessage } from './handoff';
