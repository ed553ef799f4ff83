// `serverless package` for each compose service, offline, and the CloudFormation it would deploy.
import t from 'tap';
import { SECRET_VARIABLES } from '../../src/config/variables.js';
import { packageService, readCompose, SERVICES, stubParam, type PackagedService, type ServiceName } from '../helpers/lambda-package.js';

// Three packagings, two of them with webpack, on two cores shared with other test files.
t.setTimeout(480_000);

type Resource = { Type: string; Properties: any; DependsOn?: unknown };

function resources(template: any, type: string): [string, Resource][] {
  return Object.entries(template.Resources as Record<string, Resource>).filter(([, r]) => r.Type === type);
}

function only(template: any, type: string): Resource {
  const found = resources(template, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0][1];
}

function lambda(template: any, name: string): any {
  const key = `${name[0].toUpperCase()}${name.slice(1)}LambdaFunction`;
  return template.Resources[key]?.Properties;
}

const packaged = {} as Record<ServiceName, PackagedService>;

t.before(async () => {
  // One at a time: each webpack build wants both cores.
  for (const service of SERVICES) packaged[service] = await packageService(service);
});

t.test('the compose file deploys the three services, wiring only outputs the infrastructure declares', async (t) => {
  const compose = readCompose();
  t.same(Object.keys(compose.services).sort(), [...SERVICES].sort());
  const outputs = Object.keys(packaged.infrastructure.template.Outputs);
  for (const [name, service] of Object.entries(compose.services)) {
    for (const [param, value] of Object.entries(service.params ?? {})) {
      const match = /^\$\{infrastructure\.(\w+)\}$/.exec(value);
      t.ok(match && outputs.includes(match[1]), `${name}.${param} comes from an infrastructure output (${value})`);
    }
  }
});

t.test('webhook: one nodejs22.x function behind the HTTP API routes', async (t) => {
  const { template } = packaged.webhook;
  const fn = lambda(template, 'webhook');
  t.match(fn, { Runtime: 'nodejs22.x', MemorySize: 512, Timeout: 10, Handler: 'webhook.handler', Architectures: ['arm64'] });
  t.same(fn.VpcConfig.SubnetIds, [stubParam('subnet1Id'), stubParam('subnet2Id')]);
  const routes = resources(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();
  t.same(routes, ['GET /healthz', 'GET /metrics', 'GET /webhook/{platform}', 'POST /webhook/{platform}']);
  t.match(fn.Environment.Variables, {
    AURORA_CLUSTER_ARN: stubParam('auroraClusterArn'),
    AURORA_SECRET_ARN: stubParam('auroraSecretArn'),
    PLATFORM_SECRETS_ARN: stubParam('platformSecretsArn'),
    MESSAGE_QUEUE_URL: stubParam('messageQueueUrl'),
    DEAD_LETTER_QUEUE_URL: stubParam('deadLetterQueueUrl'),
    VPC_ID: stubParam('vpcId'),
    SUBNET_1_ID: stubParam('subnet1Id'),
    SUBNET_2_ID: stubParam('subnet2Id'),
  });
});

t.test('processor: the SQS event source reports batch item failures; the relay runs on a schedule', async (t) => {
  const { template } = packaged.processor;
  for (const name of ['processor', 'relay', 'migrate']) {
    t.match(lambda(template, name), { Runtime: 'nodejs22.x', MemorySize: 512, Handler: `${name}.handler` }, name);
  }
  const mapping = only(template, 'AWS::Lambda::EventSourceMapping').Properties;
  t.match(mapping, {
    EventSourceArn: stubParam('messageQueueArn'),
    BatchSize: 10,
    MaximumBatchingWindowInSeconds: 1,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    FunctionName: { 'Fn::GetAtt': ['ProcessorLambdaFunction', 'Arn'] },
  });
  const rule = only(template, 'AWS::Events::Rule').Properties;
  t.equal(rule.ScheduleExpression, 'rate(1 minute)');
  t.same(rule.Targets[0].Arn, { 'Fn::GetAtt': ['RelayLambdaFunction', 'Arn'] });
});

t.test('infrastructure: Aurora Serverless v2 that never pauses, its generated secret, a VPC of two private subnets', async (t) => {
  const { template } = packaged.infrastructure;
  const cluster = only(template, 'AWS::RDS::DBCluster').Properties;
  t.equal(cluster.Engine, 'aurora-postgresql');
  t.ok(cluster.ServerlessV2ScalingConfiguration.MinCapacity >= 0.5, 'a minimum capacity above 0: no auto-pause');
  t.ok(cluster.ServerlessV2ScalingConfiguration.MaxCapacity >= cluster.ServerlessV2ScalingConfiguration.MinCapacity);
  t.equal(only(template, 'AWS::RDS::DBInstance').Properties.DBInstanceClass, 'db.serverless');
  t.match(cluster.MasterUserPassword, { 'Fn::Sub': /^\{\{resolve:secretsmanager:\$\{AuroraSecret\}:SecretString:password\}\}$/ });
  t.equal(template.Resources.AuroraSecret.Properties.GenerateSecretString.GenerateStringKey, 'password');
  t.match(only(template, 'AWS::SecretsManager::SecretTargetAttachment').Properties, { TargetType: 'AWS::RDS::DBCluster' });
  const subnets = resources(template, 'AWS::EC2::Subnet').map(([, r]) => r.Properties);
  t.equal(subnets.length, 2);
  t.notSame(subnets[0].AvailabilityZone, subnets[1].AvailabilityZone, 'two availability zones');
  t.ok(subnets.every((s) => !s.MapPublicIpOnLaunch), 'private');
  t.equal(resources(template, 'AWS::EC2::InternetGateway').length, 0, 'no route to the internet');
  t.ok(resources(template, 'AWS::EC2::SecurityGroup').length >= 2);
});

t.test('infrastructure: the main queue redrives to the DLQ and outlasts six processor timeouts', async (t) => {
  const { template } = packaged.infrastructure;
  const main = template.Resources.MessageQueue.Properties;
  t.same(main.RedrivePolicy.deadLetterTargetArn, { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] });
  t.ok(main.RedrivePolicy.maxReceiveCount >= 2);
  t.equal(template.Resources.DeadLetterQueue.Type, 'AWS::SQS::Queue');
  const processorTimeout = lambda(packaged.processor.template, 'processor').Timeout;
  t.ok(main.VisibilityTimeout >= 6 * processorTimeout, `visibility ${main.VisibilityTimeout} s ≥ 6 × ${processorTimeout} s`);
});

t.test('no secret in plain text in any template or Lambda package', async (t) => {
  for (const service of SERVICES) {
    const { template, zip } = packaged[service];
    const text = JSON.stringify(template);
    for (const name of SECRET_VARIABLES) t.notOk(text.includes(`"${name}"`), `${service}: ${name} is not in the template`);
    t.notOk(text.includes('offline-packaging-not-a-secret'), `${service}: no AWS key`);
    for (const [, fn] of resources(template, 'AWS::Lambda::Function')) {
      for (const [name, value] of Object.entries<string>(fn.Properties.Environment?.Variables ?? {})) {
        t.notMatch(name, /SECRET$|TOKEN$|PASSWORD/, `${service}: ${name} names no secret value`);
        t.notMatch(String(value), /password/i, `${service}: ${name} holds no password`);
      }
    }
    for (const [name, resource] of resources(template, 'AWS::SecretsManager::Secret')) {
      const literal = resource.Properties.SecretString;
      t.ok(literal === undefined || literal === '{}', `${service}: ${name} holds no literal secret`);
    }
    if (zip) t.notOk(zip.includes('offline-packaging-not-a-secret'), `${service}: no AWS key in the package`);
  }
});
