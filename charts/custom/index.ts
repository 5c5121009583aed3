/**
 * TypeScript charts of one's own, by name. A cluster file adds them with `charts: [name, ...]`
 * (an unknown name is a config error with a "did you mean"). Each receives the cluster model
 * and adds one or more AppCharts: every AppChart becomes an Argo CD application and goes
 * through the same checks as the apps of the cluster file.
 */
import type { ChartFactory } from '..';
import { whoami } from './whoami';

export const CUSTOM_CHARTS: Readonly<Record<string, ChartFactory>> = {
  whoami,
};
