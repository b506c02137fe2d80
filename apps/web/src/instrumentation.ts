// Runs once when the Next.js server starts (not at build time).
export async function register() {
  if (process.env['NEXT_RUNTIME'] === 'nodejs') {
    const { checkDependencies } = await import('./server/startup-check');
    await checkDependencies();
  }
}
