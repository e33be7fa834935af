/** The floor for cold starts: a handler that does nothing, bundled like every function. */
export const handler = async () => ({ statusCode: 200 });
