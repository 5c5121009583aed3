/**
 * Default-deny NetworkPolicies for an app's namespace, in and out, and one named allowance per
 * reason: DNS, the app's own pods, the load balancer, the ingress controller, declared
 * dependencies (both ends), and the egress the app asks for (internet, CIDRs).
 */
import { Construct } from 'constructs';
import type { AppModel, ClusterModel } from '../config';
import { k8s } from '../k8s';
import { appLabels } from '../config/labels';
import { podPort } from '../config/ports';
import { dependenciesOf, dependentsOf } from './app-graph';
import { ingressPort } from './ingress';

/** Everything but private, shared, link-local and unique-local addresses (the cluster's own included). */
const INTERNET = [
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'] },
  { cidr: '::/0', except: ['fc00::/7', 'fe80::/10'] },
];
const ANYWHERE = [{ cidr: '0.0.0.0/0' }, { cidr: '::/0' }];

type Peer = k8s.NetworkPolicyPeer;
type Ports = k8s.NetworkPolicyPort[];

const inNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } });
const policyPorts = (app: AppModel, names = Object.keys(app.ports)): Ports =>
  names.map((name) => ({ port: k8s.IntOrString.fromNumber(podPort(app.ports[name])), protocol: app.ports[name].protocol }));

export class AppNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, { cluster, app }: { cluster: ClusterModel; app: AppModel }) {
    super(scope, id);
    const policy = (name: string, spec: Omit<k8s.NetworkPolicySpec, 'podSelector'>) =>
      new k8s.KubeNetworkPolicy(this, name, { metadata: { name, namespace: app.namespace, labels: appLabels(app.name) }, spec: { podSelector: {}, ...spec } });
    const allowIn = (name: string, from: Peer[], ports: Ports) => policy(name, { policyTypes: ['Ingress'], ingress: [{ from, ports }] });
    const allowOut = (name: string, to: Peer[], ports?: Ports) => policy(name, { policyTypes: ['Egress'], egress: [{ to, ...(ports ? { ports } : {}) }] });

    // selects every pod of the namespace and allows nothing: what follows are the only ways in and out
    policy('default-deny', { policyTypes: ['Ingress', 'Egress'] });
    allowOut(
      'allow-dns',
      [{ ...inNamespace('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      [
        { port: k8s.IntOrString.fromNumber(53), protocol: 'UDP' },
        { port: k8s.IntOrString.fromNumber(53), protocol: 'TCP' },
      ],
    );
    // the namespace holds this app alone: its replicas may talk to each other (clustering, peers)
    policy('allow-same-namespace', { policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] });
    // a LoadBalancer Service brings clients from outside the cluster, from any address
    if (app.expose)
      allowIn(
        'allow-from-load-balancer',
        ANYWHERE.map((ipBlock) => ({ ipBlock })),
        policyPorts(app),
      );
    if (app.ingress) allowIn('allow-from-ingress-controller', [inNamespace(cluster.utilities.ingress.namespace)], policyPorts(app, [ingressPort(app)]));
    for (const dep of dependenciesOf(cluster, app).filter((a) => Object.keys(a.ports).length)) {
      allowOut(`allow-to-${dep.name}`, [inNamespace(dep.namespace)], policyPorts(dep));
    }
    if (Object.keys(app.ports).length) {
      for (const dependent of dependentsOf(cluster, app)) allowIn(`allow-from-${dependent.name}`, [inNamespace(dependent.namespace)], policyPorts(app));
    }
    if (app.egress.internet)
      allowOut(
        'allow-internet',
        INTERNET.map((ipBlock) => ({ ipBlock })),
      );
    if (app.egress.cidrs.length)
      allowOut(
        'allow-cidrs',
        app.egress.cidrs.map((cidr) => ({ ipBlock: { cidr } })),
      );
  }
}
