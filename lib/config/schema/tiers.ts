/** `tiers:` overrides of the tier table (lib/config/tiers.ts); keys are tier names. */
import { Type } from '@sinclair/typebox';
import { Cpu, Memory, Strict } from './common';

const TierOverride = Strict({
  priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000000 })),
  preemptionPolicy: Type.Optional(Type.Union([Type.Literal('PreemptLowerPriority'), Type.Literal('Never')])),
  memory: Type.Optional(Strict({ defaultRequest: Type.Optional(Memory), defaultLimit: Type.Optional(Memory), max: Type.Optional(Memory) })),
  cpu: Type.Optional(Strict({ defaultRequest: Type.Optional(Cpu) })),
  quota: Type.Optional(
    Strict({ cpu: Type.Optional(Cpu), memory: Type.Optional(Memory), memoryLimits: Type.Optional(Memory), pods: Type.Optional(Type.Integer({ minimum: 1 })) }),
  ),
  gpu: Type.Optional(Type.Boolean()),
  memoryRequestEqualsLimit: Type.Optional(Type.Boolean()),
});

export const Tiers = Type.Record(Type.String({ pattern: '^[0-9]-[a-z][-a-z0-9]*$' }), TierOverride, { default: {}, additionalProperties: false });
