import adapter from '@sveltejs/adapter-static';

/** A single-page app: CloudFront (or the local gateway) serves index.html for every path. */
const config = {
  // Svelte's version stamp on window is a script of its own in every page's first download.
  compilerOptions: { discloseVersion: false },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    // Long-lived hashed assets under /_app/immutable/, the rest revalidated.
    appDir: '_app',
  },
};

export default config;
