/** containerd's configuration (config version 3, containerd 2.x): the systemd cgroup driver, and NVIDIA's runtime as the default on GPU workers. Pure. */
import { NVIDIA_RUNTIME_BINARY, PAUSE_IMAGE } from "./defaults";
import type { NodeRole } from "./node";
import type { RenderedFile } from "./rendered";

const RUNTIME = "plugins.'io.containerd.cri.v1.runtime'.containerd";

/** `/etc/containerd/config.toml` for a node of `role`. */
export function containerdConfig(hostname: string, role: NodeRole): RenderedFile {
  const gpu = role === "gpu-worker";
  const lines = [
    `# Rendered by gigafactory: the container runtime of ${hostname} (${role}).`,
    "version = 3",
    "",
    "[plugins.'io.containerd.cri.v1.images'.pinned_images]",
    `  sandbox = '${PAUSE_IMAGE}'`,
    "",
    `[${RUNTIME}]`,
    `  default_runtime_name = '${gpu ? "nvidia" : "runc"}'`,
    "",
    `[${RUNTIME}.runtimes.runc]`,
    "  runtime_type = 'io.containerd.runc.v2'",
    "",
    `[${RUNTIME}.runtimes.runc.options]`,
    "  SystemdCgroup = true",
    "",
  ];
  if (gpu) {
    lines.push(
      `[${RUNTIME}.runtimes.nvidia]`,
      "  runtime_type = 'io.containerd.runc.v2'",
      "",
      `[${RUNTIME}.runtimes.nvidia.options]`,
      `  BinaryName = '${NVIDIA_RUNTIME_BINARY}'`,
      "  SystemdCgroup = true",
      "",
    );
  }
  return { path: "/etc/containerd/config.toml", mode: "644", content: lines.join("\n") };
}
