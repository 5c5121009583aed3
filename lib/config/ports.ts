/** An app's ports as its pods listen on them. */
import type { AppModel } from './index';

type Port = AppModel['ports'][string];

/** The port the container listens on: `targetPort`, else the Service port. */
export function podPort(port: Port): number {
  return port.targetPort ?? port.port;
}
