/** `nodes:` the inventory the scheduler simulation, GPU tolerations and arch pinning derive from. */
import { Type } from '@sinclair/typebox';
import { Cpu, LabelValue, Labels, Memory, QualifiedName, Strict } from './common';

export const Taint = Strict({
  key: QualifiedName,
  value: Type.Optional(LabelValue),
  effect: Type.Union([Type.Literal('NoSchedule'), Type.Literal('PreferNoSchedule'), Type.Literal('NoExecute')]),
});

export const Node = Strict({
  cpu: Cpu,
  memory: Memory,
  arch: Type.Union([Type.Literal('amd64'), Type.Literal('arm64')], { default: 'amd64' }),
  roles: Type.Array(Type.Union([Type.Literal('control-plane'), Type.Literal('worker')]), { default: ['worker'], minItems: 1, uniqueItems: true }),
  labels: Type.Optional(Labels),
  taints: Type.Array(Taint, { default: [] }),
  gpus: Type.Optional(
    Strict({
      count: Type.Integer({ minimum: 1 }),
      /** The extended resource the device plugin advertises: a domain, "/" and a name. */
      resource: Type.String({
        default: 'nvidia.com/gpu',
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$',
        title: 'extended resource name',
        description: 'a domain, "/" and a name, such as nvidia.com/gpu',
      }),
      model: Type.Optional(Type.String()),
      /**
       * GPU time-slicing: the device plugin advertises `count x timeSlicing` GPUs, so that many
       * pods share each card (no memory isolation between them).
       */
      timeSlicing: Type.Integer({ minimum: 1, maximum: 64, default: 1 }),
    }),
  ),
  /** What the kubelet keeps for the system (system-reserved + kube-reserved + eviction threshold). */
  reserved: Strict({ cpu: Cpu, memory: Memory }, { default: { cpu: '250m', memory: '1Gi' } }),
});

/** A node name as the API server stores it: a DNS subdomain. */
export const Nodes = Type.Record(Type.String({ pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$' }), Node, { minProperties: 1, maxProperties: 5000, additionalProperties: false, description: 'Kubernetes supports 5,000 nodes a cluster: split it' });
