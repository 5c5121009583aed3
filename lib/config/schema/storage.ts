/** `storage:` NFS exports as csi-driver-nfs StorageClasses, and existing exports as static volumes. */
import { Type } from '@sinclair/typebox';
import { Memory, NamedMap, Strict } from './common';

const MountOptions = Type.Array(Type.String({ minLength: 1 }), { default: [] });

const NfsClass = Strict({
  server: Type.String({ minLength: 1 }),
  path: Type.String({ pattern: '^/' }),
  mountOptions: MountOptions,
  default: Type.Boolean({ default: false }),
  reclaimPolicy: Type.Union([Type.Literal('Retain'), Type.Literal('Delete')], { default: 'Retain' }),
});

const NfsVolume = Strict({
  server: Type.String({ minLength: 1 }),
  path: Type.String({ pattern: '^/' }),
  size: Memory,
  mountOptions: MountOptions,
  accessMode: Type.Union([Type.Literal('ReadWriteMany'), Type.Literal('ReadWriteOnce'), Type.Literal('ReadOnlyMany')], { default: 'ReadWriteMany' }),
});

export const Storage = Strict(
  {
    classes: NamedMap(NfsClass, { default: {} }),
    volumes: NamedMap(NfsVolume, { default: {} }),
  },
  { default: {} },
);
