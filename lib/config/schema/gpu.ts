/** `gpu:` how GPU apps find and use the GPU nodes (the nodes themselves are in `nodes:`). */
import { Type } from '@sinclair/typebox';
import { Labels, Strict } from './common';

export const Gpu = Strict(
  {
    /** The label GPU apps select; gpu-feature-discovery puts it on every node with an NVIDIA card. */
    nodeSelector: { ...Labels, default: { 'nvidia.com/gpu.present': 'true' } },
    /** RuntimeClass of GPU pods; defaults to `nvidia` on k3s (its containerd keeps runc as the default runtime). */
    runtimeClassName: Type.Optional(Type.String({ pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' })),
  },
  { default: {} },
);
