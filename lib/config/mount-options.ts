/**
 * NFS mount options the kernel would refuse or quietly ignore: one option per item (mount joins
 * them with commas, so a comma or a space inside one breaks the list), `nconnect` is 1..16
 * (Linux's limit), and the protocol version (`nfsvers`, or its alias `vers`) is one NFS speaks.
 */
const NFS_VERSIONS = ['3', '4', '4.0', '4.1', '4.2'] as const;
const MAX_NCONNECT = 16;

interface MountOptionProblem {
  /** Index of the offending option. */
  readonly index: number;
  readonly message: string;
  readonly fix: string;
}

export function mountOptionProblems(options: readonly string[]): MountOptionProblem[] {
  const problems: MountOptionProblem[] = [];
  let version: { index: number; name: string } | undefined;
  options.forEach((option, index) => {
    const syntax = optionSyntaxProblem(option);
    if (syntax) {
      problems.push({ index, ...syntax });
      return;
    }
    const [name, value] = option.split('=', 2);
    if (name === 'nconnect' && !(/^[0-9]+$/.test(value ?? '') && Number(value) >= 1 && Number(value) <= MAX_NCONNECT)) {
      problems.push({
        index,
        message: `"${option}": nconnect must be a whole number from 1 to ${MAX_NCONNECT}`,
        fix: `use nconnect=${MAX_NCONNECT} or less (the Linux NFS client allows at most ${MAX_NCONNECT} connections)`,
      });
    }
    if (name === 'nfsvers' || name === 'vers') {
      if (!NFS_VERSIONS.includes(value as (typeof NFS_VERSIONS)[number])) {
        problems.push({ index, message: `"${option}" is not an NFS version`, fix: `use one of: ${NFS_VERSIONS.map((v) => `${name}=${v}`).join(', ')}` });
      }
      if (version) problems.push({ index, message: `"${option}" repeats the NFS version already set by "${options[version.index]}"`, fix: 'keep one of them' });
      version ??= { index, name };
    }
  });
  return problems;
}

/** An option is one `name` or `name=value`, without white space, commas or control characters. */
function optionSyntaxProblem(option: string): Omit<MountOptionProblem, 'index'> | undefined {
  if (option.includes(',')) {
    const parts = option
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    return { message: `"${option}" holds a comma; each item of the list is one option`, fix: `write one option per item: [${parts.join(', ')}]` };
  }
  if (/[\s\x00-\x1f\x7f]/.test(option)) {
    const trimmed = option.replace(/\s*=\s*/, '=').trim();
    return {
      message: `${JSON.stringify(option)} holds white space or a control character`,
      fix: /\s/.test(trimmed) || !trimmed ? 'write each option as name or name=value, one per item' : `write ${trimmed}`,
    };
  }
  if (option.startsWith('=')) return { message: `"${option}" has a value but no option name`, fix: 'write name=value, e.g. nfsvers=4.2' };
  return undefined;
}
