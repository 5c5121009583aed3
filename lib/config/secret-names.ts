/** The Secret an app's secret reference becomes: `<app>-<name>`, in the app's namespace. */
export function secretName(app: string, secret: string): string {
  return `${app}-${secret}`;
}
