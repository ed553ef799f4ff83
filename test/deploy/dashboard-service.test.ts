// deploy/dashboard: `omni serve` on ECS Fargate behind an ALB, packaged offline; its CloudFormation read.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { SECRET_VARIABLES } from '../../src/config/variables.js';
import { KEEP_ALIVE_TIMEOUT_MS } from '../../src/http/app.js';
import { EVENT_STREAM_HEARTBEAT_MS } from '../../src/http/api/event-routes.js';
import { IN_FLIGHT_GRACE_MS } from '../../src/processor/worker.js';
import { packageService, stubParam } from '../helpers/lambda-package.js';

// Two packagings without webpack (a few seconds each), unless serverless-package.test.ts made them.
t.setTimeout(240_000);

type Resource = { Type: string; Properties: any; Condition?: string; Metadata?: any };
let template: any;
let infrastructure: any;

t.before(async () => {
  template = (await packageService('dashboard')).template;
  infrastructure = (await packageService('infrastructure')).template;
});

function resources(of: any, type: string): [string, Resource][] {
  return Object.entries(of.Resources as Record<string, Resource>).filter(([, r]) => r.Type === type);
}
function only(of: any, type: string): Resource {
  const found = resources(of, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]![1];
}
const list = (value: unknown): any[] => [value].flat();
const containers = () => only(template, 'AWS::ECS::TaskDefinition').Properties.ContainerDefinitions as any[];
const named = (name: string) => containers().find((c) => c.Name === name);
const env = (container: any) => Object.fromEntries(container.Environment.map((e: any) => [e.Name, e.Value]));

t.test('the task: omni serve from the ECR image, on Fargate, with identifiers only in its environment', async (t) => {
  const task = only(template, 'AWS::ECS::TaskDefinition').Properties;
  t.match(task, { RequiresCompatibilities: ['FARGATE'], NetworkMode: 'awsvpc' });
  const image = `${stubParam('imageRepositoryUri')}:latest`;
  for (const container of containers()) t.equal(container.Image, image, `${container.Name}: the repository's image`);
  const omni = named('omni');
  t.same(omni.Command, ['serve']);
  t.equal(omni.Essential, true);
  const vars = env(omni);
  t.same(omni.PortMappings, [{ ContainerPort: Number(vars.PORT), Protocol: 'tcp' }], 'the container port is PORT');
  t.match(vars, {
    HOST: '0.0.0.0',
    AURORA_SECRET_ARN: stubParam('auroraSecretArn'),
    PLATFORM_SECRETS_ARN: stubParam('platformSecretsArn'),
    MESSAGE_QUEUE_URL: stubParam('messageQueueUrl'),
    DEAD_LETTER_QUEUE_URL: stubParam('deadLetterQueueUrl'),
    MEDIA_S3_BUCKET: stubParam('mediaBucketName'),
    TRUST_PROXY: '1',
  });
  t.notOk('DATABASE_URL' in vars, 'the database URL comes from the Aurora secret at start');
  for (const name of SECRET_VARIABLES) t.notOk(name in vars, `${name} is not in the task definition`);
  t.ok(
    omni.StopTimeout > IN_FLIGHT_GRACE_MS / 1000 + 5,
    `SIGKILL ${omni.StopTimeout} s after SIGTERM: the drain fits (${IN_FLIGHT_GRACE_MS / 1000} s + pool close)`,
  );
});

t.test(
  'TLS to Aurora: rds-ca writes the RDS CA bundle where NODE_EXTRA_CA_CERTS points, before omni starts',
  async (t) => {
    const fetcher = named('rds-ca');
    const omni = named('omni');
    t.equal(fetcher.Essential, false, 'it exits once done');
    t.same(omni.DependsOn, [{ ContainerName: 'rds-ca', Condition: 'SUCCESS' }]);
    const file: string = env(fetcher).RDS_CA_FILE;
    t.equal(env(omni).NODE_EXTRA_CA_CERTS, file);
    t.match(env(fetcher).RDS_CA_BUNDLE_URL, /^https:\/\/truststore\.pki\.rds\.amazonaws\.com\//);
    const mountOf = (container: any) => container.MountPoints.find((m: any) => file.startsWith(`${m.ContainerPath}/`));
    t.equal(mountOf(fetcher)?.SourceVolume, mountOf(omni)?.SourceVolume, 'one volume, shared');
    t.equal(mountOf(omni)?.ReadOnly, true, 'read-only for omni');
  },
);

/** Runs the rds-ca container's command as Fargate would, against a local stand-in for the trust store. */
async function fetchBundle(answer: { status: number; body: string }, file: string): Promise<number | null> {
  const server = createServer((_request, response) => response.writeHead(answer.status).end(answer.body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/global-bundle.pem`;
  const fetcher = named('rds-ca');
  const [command, ...args] = [...fetcher.EntryPoint, ...fetcher.Command];
  try {
    return await new Promise((resolve) =>
      execFile(command === 'node' ? process.execPath : command, args, {
        env: { PATH: process.env.PATH, RDS_CA_BUNDLE_URL: url, RDS_CA_FILE: file },
      }).on('exit', (code) => resolve(code)),
    );
  } finally {
    server.close();
  }
}

t.test('the rds-ca command keeps a PEM bundle and fails on anything else', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-rds-ca-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  t.equal(await fetchBundle({ status: 200, body: pem }, join(dir, 'ok.pem')), 0);
  t.equal(readFileSync(join(dir, 'ok.pem'), 'utf8'), pem);
  t.not(await fetchBundle({ status: 200, body: '<html>captive portal</html>' }, join(dir, 'html.pem')), 0);
  t.notOk(existsSync(join(dir, 'html.pem')), 'nothing written for a page that is no bundle');
  t.not(await fetchBundle({ status: 404, body: pem }, join(dir, 'missing.pem')), 0);
  t.notOk(existsSync(join(dir, 'missing.pem')), 'nothing written for an error');
});

t.test('the task role: exactly what omni serve calls, on Omni resources only', async (t) => {
  const role = template.Resources.TaskRole.Properties;
  const statements: any[] = role.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
  const grants = statements.flatMap((s) =>
    list(s.Action).flatMap((action) => list(s.Resource).map((resource) => `${action} ${resource}`)),
  );
  const objects = `arn:aws:s3:::${stubParam('mediaBucketName')}/*`;
  t.same(
    grants.sort(),
    [
      `secretsmanager:GetSecretValue ${stubParam('auroraSecretArn')}`,
      `secretsmanager:GetSecretValue ${stubParam('platformSecretsArn')}`,
      `sqs:SendMessage ${stubParam('messageQueueArn')}`,
      `sqs:GetQueueAttributes ${stubParam('messageQueueArn')}`,
      `sqs:GetQueueAttributes ${stubParam('deadLetterQueueArn')}`,
      `s3:PutObject ${objects}`,
      `s3:GetObject ${objects}`,
      `s3:DeleteObject ${objects}`,
      `s3:ListBucket arn:aws:s3:::${stubParam('mediaBucketName')}`,
    ].sort(),
  );
  t.ok(
    statements.every((s) => s.Effect === 'Allow'),
    'plain allows',
  );
  const execution: any[] = template.Resources.ExecutionRole.Properties.Policies.flatMap(
    (p: any) => p.PolicyDocument.Statement,
  );
  for (const statement of execution) {
    const everywhere = list(statement.Resource).includes('*');
    t.ok(!everywhere || statement.Action === 'ecr:GetAuthorizationToken', `${statement.Action}: scoped`);
  }
  t.ok(
    execution.some(
      (s) => list(s.Action).includes('ecr:BatchGetImage') && s.Resource === stubParam('imageRepositoryArn'),
    ),
    "pulls from Omni's repository",
  );
});

t.test('the load balancer: public, idle timeout between the stream heartbeat and the server keep-alive', async (t) => {
  const balancer = only(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer').Properties;
  t.match(balancer, { Type: 'application', Scheme: 'internet-facing' });
  t.same(balancer.Subnets, [stubParam('publicSubnet1Id'), stubParam('publicSubnet2Id')]);
  const attributes = Object.fromEntries(balancer.LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
  const idle = Number(attributes['idle_timeout.timeout_seconds']) * 1000;
  t.ok(idle > 2 * EVENT_STREAM_HEARTBEAT_MS, `a quiet event stream outlives two heartbeats (${idle} ms)`);
  t.ok(idle < KEEP_ALIVE_TIMEOUT_MS, 'the ALB closes an idle connection before Node does');
  const group = only(template, 'AWS::ElasticLoadBalancingV2::TargetGroup').Properties;
  t.match(group, { TargetType: 'ip', Protocol: 'HTTP', Port: 3000, HealthCheckPath: '/healthz' });
  const [https] = resources(template, 'AWS::ElasticLoadBalancingV2::Listener').filter(
    ([, r]) => r.Properties.Port === 443,
  );
  t.equal(https?.[1].Condition, 'HasCertificate', 'HTTPS when a certificate is given');
  t.match(https?.[1].Properties, { Protocol: 'HTTPS', SslPolicy: /TLS13/ });
  const http = template.Resources.HttpListener.Properties.DefaultActions[0]['Fn::If'];
  t.match(http, ['HasCertificate', { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS' } }, { Type: 'forward' }]);
  t.same(template.Resources.Service.Metadata.ForwardingListener, {
    'Fn::If': ['HasCertificate', { Ref: 'HttpsListener' }, { Ref: 'HttpListener' }],
  });
});

t.test('the service: private subnets, no public address, reachable from the load balancer alone', async (t) => {
  const service = only(template, 'AWS::ECS::Service').Properties;
  t.same(service.NetworkConfiguration.AwsvpcConfiguration, {
    Subnets: [stubParam('subnet1Id'), stubParam('subnet2Id')],
    SecurityGroups: [stubParam('serviceSecurityGroupId')],
    AssignPublicIp: 'DISABLED',
  });
  t.same(service.LoadBalancers, [
    { ContainerName: 'omni', ContainerPort: 3000, TargetGroupArn: { Ref: 'TargetGroup' } },
  ]);
  t.match(service.DeploymentConfiguration, {
    MinimumHealthyPercent: 100,
    DeploymentCircuitBreaker: { Rollback: true },
  });
  const ingress = only(template, 'AWS::EC2::SecurityGroupIngress').Properties;
  t.match(ingress, {
    GroupId: stubParam('serviceSecurityGroupId'),
    FromPort: 3000,
    ToPort: 3000,
    SourceSecurityGroupId: { Ref: 'LoadBalancerSecurityGroup' },
  });
  const alb = template.Resources.LoadBalancerSecurityGroup.Properties;
  t.same(
    alb.SecurityGroupEgress.map((r: any) => [r.FromPort, r.DestinationSecurityGroupId]),
    [[3000, stubParam('serviceSecurityGroupId')]],
    'the load balancer reaches the tasks and nothing else',
  );
  const alarm = only(template, 'AWS::CloudWatch::Alarm').Properties;
  t.match(alarm, { MetricName: 'HealthyHostCount', Threshold: 1, ComparisonOperator: 'LessThanThreshold' });
  t.same(alarm.AlarmActions, [stubParam('alarmTopicArn')]);
});

t.test(
  'infrastructure: a second public subnet, the service group into Aurora and the endpoints, the image repository',
  async (t) => {
    const { Resources: r, Outputs: outputs } = infrastructure;
    const zones = [outputs.PublicSubnet1Id, outputs.PublicSubnet2Id].map(
      (o: any) => r[o.Value.Ref].Properties.AvailabilityZone,
    );
    t.notSame(zones[0], zones[1], 'the load balancer spans two zones');
    const service = { Ref: 'ServiceSecurityGroup' };
    for (const group of ['DatabaseSecurityGroup', 'EndpointSecurityGroup']) {
      t.ok(
        r[group].Properties.SecurityGroupIngress.some(
          (i: any) => JSON.stringify(i.SourceSecurityGroupId) === JSON.stringify(service),
        ),
        `${group} admits the dashboard's tasks`,
      );
    }
    t.same(outputs.ServiceSecurityGroupId.Value, service);
    t.equal(r.ImageRepository.Type, 'AWS::ECR::Repository');
    t.same(outputs.ImageRepositoryUri.Value, { 'Fn::GetAtt': ['ImageRepository', 'RepositoryUri'] });
    t.equal(r.ImageRepository.Properties.ImageScanningConfiguration.ScanOnPush, true);
  },
);
