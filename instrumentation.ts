/**
 * Once the server listens, one request to the sign-in page (which reads no data) instantiates the Next.js render
 * runtime, so the first supervisor after a start does not wait ~250 ms for it. Data caches stay empty.
 */
export function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.OGI_NO_WARMUP === "1") return;
  const origin = process.env.__NEXT_PRIVATE_ORIGIN;
  if (!origin) return;
  setTimeout(() => {
    fetch(`${origin}/login`)
      .then((response) => response.arrayBuffer())
      .catch(() => {});
  }, 0);
}
