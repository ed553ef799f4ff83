// deploy/kubernetes/base: what the README and the manifests' comments promise, read from the files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parseAllDocuments } from 'yaml';
import { VARIABLES } from '../../src/config/variables.js';
import { KEEP_ALIVE_TIMEOUT_MS } from '../../src/http/app.js';
import { EVENT_STREAM_HEARTBEAT_MS } from '../../src/http/api/event-routes.js';
import { IN_FLIGHT_GRACE_MS } from '../../src/processor/worker.js';
import { ROOT } from '../helpers/lambda-package.js';

const BASE = join(ROOT, 'deploy/kubernetes/base');
/** What closing a process's database pool may take after its work is done (`sql.end({ timeout: 5 })`). */
const POOL_CLOSE_SECONDS = 5;

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
} & Record<string, any>;

function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(BASE, file), 'utf8')).map((document) => {
    if (document.errors.length) throw new Error(`${file}: ${document.errors[0]?.message}`);
    return document.toJS() as Manifest;
  });
}

const files = readdirSync(BASE).filter((name) => /\.ya?ml$/.test(name));
const kustomization = readManifests('kustomization.yaml')[0]!;
const manifests = (kustomization.resources as string[]).flatMap(readManifests);

function one(kind: string, name: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0]!;
}

const config = one('ConfigMap', 'omni-config');
const server = one('Deployment', 'omni-server');
const worker = one('Deployment', 'omni-worker');
const migrate = one('Job', 'omni-migrate');
const workloads = [server, worker, migrate];
const container = (workload: Manifest) => workload.spec.template.spec.containers[0];
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

t.test('kustomization lists every manifest in base/ but the example Secret, and each one parses', async (t) => {
  const listed = [...(kustomization.resources as string[])].sort();
  const expected = files.filter((name) => name !== 'kustomization.yaml' && !name.endsWith('.example.yaml')).sort();
  t.same(listed, expected);
  for (const file of files) t.ok(readManifests(file).length > 0, `${file} parses`);
  t.notOk(
    manifests.some((m) => m.kind === 'Secret'),
    'no Secret is applied from the repository',
  );
  const example = readManifests('secret.example.yaml')[0]!;
  t.equal(example.kind, 'Secret');
  t.equal(example.metadata.name, 'omni-secrets', 'the example is the Secret the pods name');
});

t.test(
  'configuration: the ConfigMap and the example Secret hold only variables Omni reads, secrets only in the Secret',
  async (t) => {
    const known = new Map(VARIABLES.map((v) => [v.name, v]));
    for (const name of Object.keys(config.data)) {
      t.ok(known.has(name), `${name} is an Omni variable`);
      t.notOk(known.get(name)?.secret, `${name} is not a secret`);
    }
    const example = readManifests('secret.example.yaml')[0]!;
    for (const name of Object.keys(example.stringData)) t.ok(known.has(name), `${name} is an Omni variable`);
    t.equal(config.data.HOST, '0.0.0.0', 'the probes and the Service reach the process');
    for (const workload of workloads) {
      t.same(
        container(workload).envFrom,
        [{ configMapRef: { name: 'omni-config' } }, { secretRef: { name: 'omni-secrets' } }],
        `${workload.metadata.name}: environment from omni-config and omni-secrets`,
      );
    }
  },
);

t.test('every pod runs the one image, as a non-root user, on a read-only root', async (t) => {
  for (const workload of workloads) {
    const spec = workload.spec.template.spec;
    const name = workload.metadata.name;
    t.match(container(workload).image, /^omni:/, `${name}: the image kustomize's images: entry renames`);
    t.equal(spec.securityContext.runAsNonRoot, true, `${name}: non-root`);
    t.equal(spec.securityContext.runAsUser, 1000, `${name}: the image's node user, by number`);
    t.equal(container(workload).securityContext.readOnlyRootFilesystem, true, `${name}: read-only root`);
    t.equal(container(workload).securityContext.allowPrivilegeEscalation, false, `${name}: no escalation`);
  }
  t.same(container(migrate).args, ['migrate']);
  t.equal(migrate.spec.template.spec.restartPolicy, 'Never');
});

t.test('server: probes on /healthz and /readyz at the configured port, a drain that fits its grace', async (t) => {
  const omni = container(server);
  t.same(omni.args, ['serve']);
  const http = omni.ports.find((p: any) => p.name === 'http');
  t.equal(String(http?.containerPort), config.data.PORT, 'the container port is PORT');
  t.match(omni.readinessProbe.httpGet, { path: '/readyz', port: 'http' });
  t.match(omni.livenessProbe.httpGet, { path: '/healthz', port: 'http' });
  t.match(omni.startupProbe.httpGet, { path: '/healthz', port: 'http' });
  const lockWait = Number(VARIABLES.find((v) => v.name === 'MIGRATION_LOCK_TIMEOUT_MS')?.default) / 1000;
  t.ok(
    omni.startupProbe.periodSeconds * omni.startupProbe.failureThreshold >= lockWait,
    `a start may wait ${lockWait} s for another pod's migrations before liveness counts`,
  );
  const preStop = Number(omni.lifecycle.preStop.exec.command[1]);
  const grace = server.spec.template.spec.terminationGracePeriodSeconds;
  t.ok(
    grace > preStop + IN_FLIGHT_GRACE_MS / 1000 + POOL_CLOSE_SECONDS,
    `grace ${grace} s > ${preStop} s preStop + ${IN_FLIGHT_GRACE_MS / 1000} s in flight + ${POOL_CLOSE_SECONDS} s pool close`,
  );
  t.equal(server.spec.strategy.rollingUpdate.maxUnavailable, 0, 'a rollout never lowers the serving count');
});

t.test('server: the Service and the PodDisruptionBudget select the server pods and no other', async (t) => {
  const labels = server.spec.template.metadata.labels;
  t.same(server.spec.selector.matchLabels, labels);
  const service = one('Service', 'omni-server');
  t.ok(matches(service.spec.selector, labels), 'the Service selects the server pods');
  t.notOk(matches(service.spec.selector, worker.spec.template.metadata.labels), 'not the workers');
  t.equal(service.spec.ports[0].targetPort, 'http');
  const budget = one('PodDisruptionBudget', 'omni-server');
  t.ok(matches(budget.spec.selector.matchLabels, labels), 'the budget covers the server pods');
  t.notOk(matches(budget.spec.selector.matchLabels, worker.spec.template.metadata.labels), 'not the workers');
  t.ok(budget.spec.minAvailable >= 1 && budget.spec.minAvailable < server.spec.replicas, 'a drain can proceed');
});

t.test(
  'worker: omni-worker consume, /metrics and /healthz on METRICS_PORT, a grace over its in-flight wait',
  async (t) => {
    const consume = container(worker);
    t.same([...consume.command, ...consume.args], ['omni-worker', 'consume']);
    const metricsPort = consume.env.find((e: any) => e.name === 'METRICS_PORT')?.value;
    const port = consume.ports.find((p: any) => p.name === 'metrics');
    t.equal(String(port?.containerPort), metricsPort, 'the metrics port is METRICS_PORT');
    t.match(consume.livenessProbe.httpGet, { path: '/healthz', port: 'metrics' });
    t.equal(worker.spec.template.metadata.annotations['prometheus.io/port'], metricsPort);
    t.equal(worker.spec.replicas, undefined, 'KEDA owns the replica count');
    const grace = worker.spec.template.spec.terminationGracePeriodSeconds;
    t.ok(
      grace > IN_FLIGHT_GRACE_MS / 1000 + POOL_CLOSE_SECONDS,
      `grace ${grace} s > ${IN_FLIGHT_GRACE_MS / 1000} s in flight + ${POOL_CLOSE_SECONDS} s pool close`,
    );
  },
);

t.test('worker: KEDA scales it on the depth of its own queue through the aws-sqs-queue trigger', async (t) => {
  const scaled = one('ScaledObject', 'omni-worker');
  t.equal(scaled.spec.scaleTargetRef.name, worker.metadata.name);
  t.ok(scaled.spec.minReplicaCount >= 1 && scaled.spec.maxReplicaCount > scaled.spec.minReplicaCount);
  t.equal(scaled.spec.triggers.length, 1);
  const trigger = scaled.spec.triggers[0];
  t.equal(trigger.type, 'aws-sqs-queue');
  t.equal(trigger.metadata.queueURLFromEnv, 'MESSAGE_QUEUE_URL', "the worker's own queue");
  t.ok(config.data.MESSAGE_QUEUE_URL, 'which omni-config sets');
  t.equal(trigger.metadata.awsRegion, config.data.AWS_REGION, 'in its region');
  t.match(trigger.metadata.queueLength, /^[1-9]\d*$/, 'a target depth per replica');
  const auth = one('TriggerAuthentication', trigger.authenticationRef.name);
  t.same(auth.spec.podIdentity, { provider: 'aws', identityOwner: 'workload' }, "read with the worker's role");
});

t.test(
  'ingress: SSE passes unbuffered and outlives its heartbeat; bodies up to the upload and webhook limits',
  async (t) => {
    const ingress = one('Ingress', 'omni-server');
    const annotations = ingress.metadata.annotations ?? {};
    t.equal(annotations['nginx.ingress.kubernetes.io/proxy-buffering'], 'off');
    const readTimeout = Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']);
    t.ok(
      readTimeout * 1000 > 2 * EVENT_STREAM_HEARTBEAT_MS,
      `a quiet stream outlives two heartbeats (${readTimeout} s)`,
    );
    const size = /^(\d+)m$/.exec(annotations['nginx.ingress.kubernetes.io/proxy-body-size']);
    const bytes = Number(size?.[1]) * 1024 * 1024;
    for (const name of ['UPLOAD_MAX_BYTES', 'WEBHOOK_BODY_LIMIT']) {
      const limit = Number(VARIABLES.find((v) => v.name === name)?.default);
      t.ok(bytes >= limit, `${name} (${limit} bytes) passes the proxy`);
    }
    const backend = ingress.spec.rules[0].http.paths[0].backend.service;
    const service = one('Service', backend.name);
    t.ok(
      service.spec.ports.some((p: any) => p.name === backend.port.name),
      'the backend is the server Service',
    );
    // ingress-nginx keeps idle upstream connections 60 s by default: Node must keep them longer.
    t.ok(KEEP_ALIVE_TIMEOUT_MS > 60_000, 'the server outlasts the proxy on an idle connection');
  },
);
