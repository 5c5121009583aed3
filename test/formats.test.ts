/**
 * The string grammars the API server, the kubelet and the runtime enforce, checked at synth
 * (lib/config/formats.ts): what they accept as well as what they refuse.
 */
import { dnsNameProblem, gitUrlProblem, imageReferenceProblem, nfsPathProblem, nfsServerProblem, parseCidr, portNameProblem } from '../lib/config/formats';
import { parseFixedIps } from '../lib/config/checks-network';
import { mountOptionProblems } from '../lib/config/mount-options';

const DIGEST = 'a'.repeat(64);

test.each([
  'nginx:1.27.3',
  'ghcr.io/gethomepage/homepage:v0.10.9',
  'lscr.io/linuxserver/wireguard:1.0.20250521',
  'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
  'docker.io/library/nginx:1.27',
  'localhost:5000/team/app:1',
  'registry.home.arpa:5000/a/b__c/d-e.f:1.0',
  `nginx@sha256:${DIGEST}`,
  `ghcr.io/owner/app:1.2@sha256:${DIGEST}`,
  'nginx',
])('image %s is a reference', (image) => {
  expect(imageReferenceProblem(image)).toBeUndefined();
});

test.each([
  ['Nginx:1.2', 'upper-case'],
  ['library/Nginx:1.2', 'upper-case'],
  ['nginx@sha256:abc', '64 hex digits, this one 3'],
  [`nginx@sha256:${'A'.repeat(64)}`, 'other than 0-9 and a-f'],
  [`nginx@md5:${DIGEST}`, 'not a digest algorithm'],
  ['nginx:.1', 'is not a tag'],
  [`nginx:${'1'.repeat(129)}`, 'is not a tag'],
  ['nginx :1.2', 'white space'],
  ['my_registry.com/app:1', 'is not a registry host'],
  ['team//app:1', 'empty path component'],
  ['team/-app:1', 'not a repository name component'],
  [':1.2', 'no repository'],
])('image %s is refused (%s)', (image, why) => {
  expect(imageReferenceProblem(image)?.message).toContain(why);
});

test('port names follow IANA_SVC_NAME', () => {
  for (const ok of ['http', 'h2c', 'http-alt', 'a1', 'metrics-9090']) expect(portNameProblem(ok)).toBeUndefined();
  expect(portNameProblem('8080')?.message).toContain('has no letter');
  expect(portNameProblem('web--admin')?.message).toContain('"--"');
  expect(portNameProblem('a-very-long-name')?.message).toContain('longer than 15');
});

test('CIDRs are real networks', () => {
  expect(parseCidr('192.168.1.0/24').cidr).toMatchObject({ family: 4, prefix: 24 });
  expect(parseCidr('2001:db8::/64').cidr).toMatchObject({ family: 6, prefix: 64 });
  expect(parseCidr('999.0.0.0/8').problem?.message).toContain('is not an IP address');
  expect(parseCidr('10.0.0.0/33').problem?.message).toContain('no valid prefix length');
  expect(parseCidr('10.0.0.1/8').problem?.fix).toContain('10.0.0.0/8');
  expect(parseCidr('10.0.0.0').problem?.fix).toContain('10.0.0.0/32');
});

test('a fixed address is one IP, or one per family', () => {
  expect(parseFixedIps('192.0.2.1').ips).toHaveLength(1);
  expect(parseFixedIps('192.0.2.1, 2001:db8::1').ips.map((i) => i.text)).toEqual(['192.0.2.1', '2001:db8::1']);
  expect(parseFixedIps('192.0.2.1,192.0.2.2').problem?.message).toContain('two IPv4 addresses');
  expect(parseFixedIps('192.0.2.1,2001:db8::1,192.0.2.2').problem?.message).toContain('3 addresses');
  expect(parseFixedIps('192.0.2.1,').problem?.message).toContain('is not an IP address');
});

test('DNS names, NFS servers and paths', () => {
  expect(dnsNameProblem('nas.home.arpa')).toBeUndefined();
  expect(dnsNameProblem('nas..home')?.message).toContain('empty label');
  expect(dnsNameProblem(`${'a'.repeat(64)}.home`)?.message).toContain('above 63');
  expect(dnsNameProblem('-nas.home')?.message).toContain('starts or ends with "-"');
  expect(nfsServerProblem('192.168.1.10')).toBeUndefined();
  expect(nfsServerProblem('2001:db8::10')).toBeUndefined();
  expect(nfsServerProblem('NAS.home.arpa')).toBeUndefined();
  expect(nfsServerProblem('192.168.1.300')?.message).toContain('is not an IP address');
  expect(nfsServerProblem('nas home')?.message).toContain('holds " "');
  expect(nfsPathProblem('/tank/media')).toBeUndefined();
  expect(nfsPathProblem('/tank/my media')?.message).toContain('holds " "');
  expect(nfsPathProblem('/tank/a#b')?.message).toContain('holds "#"');
  expect(nfsPathProblem('/tank/../etc')?.message).toContain('".."');
});

test('mount options: one option per item, no spaces', () => {
  expect(mountOptionProblems(['nfsvers=4.2', 'hard', 'nconnect=8'])).toEqual([]);
  expect(mountOptionProblems(['nfsvers=4.2,hard'])[0].fix).toBe('write one option per item: [nfsvers=4.2, hard]');
  expect(mountOptionProblems(['hard', 'nconnect = 8'])[0]).toMatchObject({ index: 1, fix: 'write nconnect=8' });
  expect(mountOptionProblems(['=4'])[0].message).toContain('no option name');
});

test('git URLs Argo CD can clone', () => {
  for (const ok of [
    'https://git.example.com/ryzen/homelab-gitops.git',
    'ssh://git@git.example.com:2222/a/b.git',
    'git@github.com:owner/repo.git',
    'http://10.0.0.5:3000/a/b',
  ]) {
    expect(gitUrlProblem(ok)).toBeUndefined();
  }
  expect(gitUrlProblem('not a url')?.message).toContain('white space');
  expect(gitUrlProblem('git.example.com/a/b')?.message).toContain('is not a git URL');
  expect(gitUrlProblem('ftp://git.example.com/a')?.message).toContain('does not clone ftp://');
  expect(gitUrlProblem('https://git.example.com')?.message).toContain('no repository');
});
