import adapter from '@sveltejs/adapter-static';

/** A single-page app: CloudFront (or the local gateway) serves index.html for every path. */
const config = {
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    // Long-lived hashed assets under /_app/immutable/, the rest revalidated.
    appDir: '_app',
  },
};

export default config;
