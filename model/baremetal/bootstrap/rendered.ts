/** What a bootstrap renders: files to install and the commands their changes trigger. */

/** A file the bootstrap installs (only when its content or mode differs). */
export interface RenderedFile {
  /** Absolute path on the node. */
  readonly path: string;
  /** Permission bits in octal, as `stat -c %a` prints them: `644`, `600`. */
  readonly mode: string;
  readonly content: string;
}

/** A command the bootstrap runs (apply mode) or records (render mode) when one of its trigger files changed. */
export interface BootstrapAction {
  /** Short name, `containerd`. */
  readonly id: string;
  /** Paths of rendered files whose change runs it. */
  readonly triggers: readonly string[];
  /** argv words; never a secret. */
  readonly command: readonly string[];
}
