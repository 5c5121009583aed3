/**
 * Health checks with sensible timing. A readiness probe only takes a pod out of its Service; a
 * liveness probe restarts it; a startup probe holds both off until the app has started.
 */
import type { AppModel } from '../config';
import { k8s } from '../k8s';

type ProbeSpec = NonNullable<AppModel['probes']['readiness']>;
type ProbeKind = 'startup' | 'readiness' | 'liveness';

const TIMING: Record<ProbeKind, { periodSeconds: number; timeoutSeconds: number; failureThreshold: number }> = {
  // up to 5 minutes for a first start (migrations, model downloads) before liveness may act
  startup: { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 },
  // out of the Service after 30 s of failures; the 1 s Kubernetes default timeout is too tight for a busy homelab
  readiness: { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
  // restarted after a minute of failures, not at the first slow answer
  liveness: { periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3 },
};

interface ContainerProbes {
  startupProbe?: k8s.Probe;
  readinessProbe?: k8s.Probe;
  livenessProbe?: k8s.Probe;
}

export function containerProbes(app: AppModel): ContainerProbes {
  const probes = app.probes;
  const firstTcpPort = Object.entries(app.ports).find(([, p]) => p.protocol === 'TCP')?.[0];
  // no health check given: a TCP check of the first TCP port keeps a pod that does not listen yet out of its Service
  const readiness = probes.readiness ?? (firstTcpPort ? { tcp: { port: firstTcpPort } } : undefined);
  // a liveness probe without a startup probe would kill a slow first start: the same check, with startup timing
  const startup = probes.startup ?? (probes.liveness && { http: probes.liveness.http, tcp: probes.liveness.tcp, exec: probes.liveness.exec });
  return {
    ...(startup ? { startupProbe: probe(app, startup, 'startup') } : {}),
    ...(readiness ? { readinessProbe: probe(app, readiness, 'readiness') } : {}),
    ...(probes.liveness ? { livenessProbe: probe(app, probes.liveness, 'liveness') } : {}),
  };
}

function probe(app: AppModel, spec: ProbeSpec, kind: ProbeKind): k8s.Probe {
  const { http, tcp, exec, ...timing } = spec;
  const port = (name?: string) => k8s.IntOrString.fromString(name ?? Object.keys(app.ports)[0]);
  const check = http
    ? { httpGet: { path: http.path, port: port(http.port) } }
    : tcp
      ? { tcpSocket: { port: port(tcp.port) } }
      : { exec: { command: [...exec!.command] } };
  return { ...check, ...TIMING[kind], ...timing };
}
