// A single-page app: pages render in the browser, which holds the session.
export const ssr = false;
export const prerender = false;
