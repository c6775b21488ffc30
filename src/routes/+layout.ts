// The whole app is static and runs in the browser: no server rendering.
export const prerender = true;
export const ssr = false;
