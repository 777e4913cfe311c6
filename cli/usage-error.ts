/** A usage error found after parsing (a bad option value, a missing variable); the entry point maps it to exit 2. */
export class UsageError extends Error {}
