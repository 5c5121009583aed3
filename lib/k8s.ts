/** The Kubernetes API types (shipped by cdk8s-plus-30: `cdk8s import k8s` needs the network). */
export { k8s } from 'cdk8s-plus-30';
