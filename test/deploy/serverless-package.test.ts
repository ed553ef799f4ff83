// `serverless package` for each compose service, offline, and the CloudFormation it would deploy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { SECRET_VARIABLES } from '../../src/config/variables.js';
import {
  packageService,
  readCompose,
  ROOT,
  SERVICES,
  stubParam,
  type PackagedService,
  type ServiceName,
} from '../helpers/lambda-package.js';

// Four packagings, two of them with webpack, on two cores shared with other test files.
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

/** The schedule of the EventBridge rule that invokes a function (by logical id). */
function scheduleOf(template: any, functionId: string): string | undefined {
  const rules = resources(template, 'AWS::Events::Rule').filter(([, r]) =>
    r.Properties.Targets.some((target: any) => target.Arn['Fn::GetAtt']?.[0] === functionId),
  );
  return rules.length === 1 ? rules[0]![1].Properties.ScheduleExpression : undefined;
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

t.test('the compose file deploys the four services, wiring only outputs the infrastructure declares', async (t) => {
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

t.test('webhook: one nodejs24.x function behind the HTTP API routes', async (t) => {
  const { template } = packaged.webhook;
  const fn = lambda(template, 'webhook');
  t.match(fn, {
    Runtime: 'nodejs24.x',
    MemorySize: 512,
    Timeout: 10,
    Handler: 'webhook.handler',
    Architectures: ['arm64'],
  });
  t.same(fn.VpcConfig.SubnetIds, [stubParam('subnet1Id'), stubParam('subnet2Id')]);
  const routes = resources(template, 'AWS::ApiGatewayV2::Route')
    .map(([, r]) => r.Properties.RouteKey)
    .sort();
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

t.test('every function runs on the Node.js major that package.json requires', async (t) => {
  const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const major = /^>=(\d+)/.exec(engines.node)?.[1];
  t.ok(major, `engines.node names a minimum major (${engines.node})`);
  for (const service of SERVICES) {
    for (const [name, fn] of resources(packaged[service].template, 'AWS::Lambda::Function'))
      t.equal(fn.Properties.Runtime, `nodejs${major}.x`, `${service}: ${name}`);
  }
});

t.test('processor: the SQS event source reports batch item failures; the relay runs on a schedule', async (t) => {
  const { template } = packaged.processor;
  for (const name of ['processor', 'relay', 'migrate']) {
    t.match(lambda(template, name), { Runtime: 'nodejs24.x', MemorySize: 512, Handler: `${name}.handler` }, name);
  }
  const mapping = only(template, 'AWS::Lambda::EventSourceMapping').Properties;
  t.match(mapping, {
    EventSourceArn: stubParam('messageQueueArn'),
    BatchSize: 10,
    MaximumBatchingWindowInSeconds: 1,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    FunctionName: { 'Fn::GetAtt': ['ProcessorLambdaFunction', 'Arn'] },
  });
  t.equal(scheduleOf(template, 'RelayLambdaFunction'), 'rate(1 minute)');
});

t.test('processor: the prune runs hourly on its own role, the only one that may delete media', async (t) => {
  const { template } = packaged.processor;
  t.equal(scheduleOf(template, 'PruneLambdaFunction'), 'rate(1 hour)');
  const fn = lambda(template, 'prune');
  t.match(fn, { Handler: 'prune.handler', Timeout: 300, Role: { 'Fn::GetAtt': ['PruneRole', 'Arn'] } });
  t.match(fn.Environment.Variables, { MEDIA_S3_BUCKET: stubParam('mediaBucketName'), PLATFORM_SECRETS_ARN: '' });
  t.same(fn.VpcConfig.SubnetIds, [stubParam('subnet1Id'), stubParam('subnet2Id')]);
  const role = template.Resources.PruneRole.Properties;
  t.match(role.ManagedPolicyArns, ['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']);
  const statements: any[] = role.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
  t.same(
    statements.map((s) => [s.Action, s.Resource]),
    [
      ['secretsmanager:GetSecretValue', stubParam('auroraSecretArn')],
      ['s3:ListBucket', `arn:aws:s3:::${stubParam('mediaBucketName')}`],
      ['s3:DeleteObject', `arn:aws:s3:::${stubParam('mediaBucketName')}/*`],
    ],
    "the database's secret (no platform token), listing the bucket and deleting its objects: nothing else",
  );
});

t.test(
  'infrastructure: Aurora Serverless v2 that never pauses, its generated secret, two private subnets in two zones',
  async (t) => {
    const { template } = packaged.infrastructure;
    const cluster = only(template, 'AWS::RDS::DBCluster').Properties;
    t.equal(cluster.Engine, 'aurora-postgresql');
    t.ok(cluster.ServerlessV2ScalingConfiguration.MinCapacity >= 0.5, 'a minimum capacity above 0: no auto-pause');
    t.ok(cluster.ServerlessV2ScalingConfiguration.MaxCapacity >= cluster.ServerlessV2ScalingConfiguration.MinCapacity);
    t.equal(only(template, 'AWS::RDS::DBInstance').Properties.DBInstanceClass, 'db.serverless');
    t.match(cluster.MasterUserPassword, {
      'Fn::Sub': /^\{\{resolve:secretsmanager:\$\{AuroraSecret\}:SecretString:password\}\}$/,
    });
    t.equal(template.Resources.AuroraSecret.Properties.GenerateSecretString.GenerateStringKey, 'password');
    t.match(only(template, 'AWS::SecretsManager::SecretTargetAttachment').Properties, {
      TargetType: 'AWS::RDS::DBCluster',
    });
    const outputs = template.Outputs;
    const privateSubnets = [outputs.Subnet1Id.Value.Ref, outputs.Subnet2Id.Value.Ref].map(
      (name) => template.Resources[name].Properties,
    );
    t.notSame(privateSubnets[0].AvailabilityZone, privateSubnets[1].AvailabilityZone, 'two availability zones');
    t.ok(
      resources(template, 'AWS::EC2::Subnet').every(([, r]) => !r.Properties.MapPublicIpOnLaunch),
      'no subnet hands out public addresses',
    );
    t.ok(resources(template, 'AWS::EC2::SecurityGroup').length >= 2);
  },
);

/** The route table associated with a subnet (by logical id), and its routes. */
function routesOf(template: any, subnet: string): { table?: string; routes: any[] } {
  const associations = resources(template, 'AWS::EC2::SubnetRouteTableAssociation').filter(
    ([, r]) => r.Properties.SubnetId?.Ref === subnet,
  );
  if (associations.length !== 1) return { routes: [] };
  const table = associations[0][1].Properties.RouteTableId.Ref as string;
  return {
    table,
    routes: resources(template, 'AWS::EC2::Route')
      .map(([, r]) => r.Properties)
      .filter((r) => r.RouteTableId?.Ref === table),
  };
}

t.test(
  'infrastructure: the private subnets reach the internet through a NAT gateway only, S3 through a gateway endpoint',
  async (t) => {
    const { template } = packaged.infrastructure;
    const privateNames = [template.Outputs.Subnet1Id.Value.Ref, template.Outputs.Subnet2Id.Value.Ref];
    const tables = new Set<string | undefined>();
    for (const subnet of privateNames) {
      const { table, routes } = routesOf(template, subnet);
      tables.add(table);
      const defaults = routes.filter((r) => r.DestinationCidrBlock === '0.0.0.0/0');
      t.equal(defaults.length, 1, `${subnet}: one default route`);
      const nat = defaults[0]?.NatGatewayId?.Ref;
      t.equal(template.Resources[nat]?.Type, 'AWS::EC2::NatGateway', `${subnet}: 0.0.0.0/0 goes to a NAT gateway`);
      t.notOk(
        routes.some((r) => r.GatewayId),
        `${subnet}: no route to an internet gateway`,
      );
    }
    t.notOk(tables.has(undefined), 'both private subnets have a route table');

    // Each NAT gateway sits in a subnet whose default route is the internet gateway, with an Elastic IP.
    const gateways = resources(template, 'AWS::EC2::InternetGateway').map(([name]) => name);
    t.equal(gateways.length, 1);
    for (const [name, nat] of resources(template, 'AWS::EC2::NatGateway')) {
      const subnet = nat.Properties.SubnetId.Ref;
      t.notOk(privateNames.includes(subnet), `${name} is in a public subnet`);
      const { routes } = routesOf(template, subnet);
      t.ok(
        routes.some((r) => r.DestinationCidrBlock === '0.0.0.0/0' && gateways.includes(r.GatewayId?.Ref)),
        `${name}'s subnet routes to the internet gateway`,
      );
      t.equal(template.Resources[nat.Properties.AllocationId['Fn::GetAtt'][0]].Type, 'AWS::EC2::EIP');
    }

    const s3 = resources(template, 'AWS::EC2::VPCEndpoint').filter(([, r]) =>
      /\.s3$/.test(r.Properties.ServiceName?.['Fn::Sub'] ?? ''),
    );
    t.equal(s3.length, 1, 'an S3 endpoint');
    t.equal(s3[0]?.[1].Properties.VpcEndpointType, 'Gateway');
    t.same(
      new Set(s3[0]?.[1].Properties.RouteTableIds.map((r: any) => r.Ref)),
      tables,
      'on the private route table(s)',
    );
  },
);

t.test(
  'infrastructure: the Lambdas may call out on 443; Aurora admits only them and the dashboard, and has no public address',
  async (t) => {
    const { template } = packaged.infrastructure;
    const lambdaGroup = template.Resources.LambdaSecurityGroup.Properties;
    t.ok(
      lambdaGroup.SecurityGroupEgress.some(
        (r: any) => r.IpProtocol === 'tcp' && r.FromPort === 443 && r.ToPort === 443 && r.CidrIp === '0.0.0.0/0',
      ),
      'HTTPS to anywhere',
    );
    t.ok(
      lambdaGroup.SecurityGroupEgress.some(
        (r: any) => r.FromPort === 5432 && r.CidrIp === template.Resources.Vpc.Properties.CidrBlock,
      ),
      'PostgreSQL within the VPC',
    );
    t.notOk(
      lambdaGroup.SecurityGroupEgress.some(
        (r: any) => r.IpProtocol === '-1' || (r.FromPort !== 443 && r.CidrIp === '0.0.0.0/0'),
      ),
      'nothing else to the internet',
    );
    const cluster = only(template, 'AWS::RDS::DBCluster').Properties;
    const ingress = template.Resources[cluster.VpcSecurityGroupIds[0].Ref].Properties.SecurityGroupIngress;
    t.same(
      ingress.map((r: any) => r.SourceSecurityGroupId),
      [{ Ref: 'LambdaSecurityGroup' }, { Ref: 'ServiceSecurityGroup' }],
      "Aurora: from the Lambdas' and the dashboard's groups only",
    );
    t.notOk(
      ingress.some((r: any) => r.CidrIp),
      'Aurora: no address range',
    );
    t.equal(only(template, 'AWS::RDS::DBInstance').Properties.PubliclyAccessible, false);
    const privateNames = [template.Outputs.Subnet1Id.Value.Ref, template.Outputs.Subnet2Id.Value.Ref];
    t.same(
      only(template, 'AWS::RDS::DBSubnetGroup')
        .Properties.SubnetIds.map((s: any) => s.Ref)
        .sort(),
      privateNames.sort(),
      'Aurora in the private subnets',
    );
  },
);

t.test('infrastructure: a private, encrypted, retained media bucket', async (t) => {
  const { template } = packaged.infrastructure;
  // The one the processor is given (the other bucket is Serverless's own, for the deployment artifacts).
  const name: string = template.Outputs.MediaBucketName.Value.Ref;
  const bucket = template.Resources[name];
  t.equal(bucket?.Type, 'AWS::S3::Bucket');
  t.same(bucket.Properties.PublicAccessBlockConfiguration, {
    BlockPublicAcls: true,
    BlockPublicPolicy: true,
    IgnorePublicAcls: true,
    RestrictPublicBuckets: true,
  });
  const rules = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration;
  t.ok(
    rules.length >= 1 &&
      rules.every((r: any) =>
        ['AES256', 'aws:kms', 'aws:kms:dsse'].includes(r.ServerSideEncryptionByDefault?.SSEAlgorithm),
      ),
    'encrypted by default',
  );
  t.same(bucket.Properties.OwnershipControls.Rules, [{ ObjectOwnership: 'BucketOwnerEnforced' }], 'no ACLs');
  t.equal((bucket as any).DeletionPolicy, 'Retain');
  t.notOk(bucket.Properties.WebsiteConfiguration, 'no website');
  t.same(template.Outputs.MediaBucketName.Value, { Ref: name });
  t.same(template.Outputs.MediaBucketArn.Value, { 'Fn::GetAtt': [name, 'Arn'] });
  for (const [, policy] of resources(template, 'AWS::S3::BucketPolicy')) {
    for (const statement of policy.Properties.PolicyDocument.Statement)
      t.equal(statement.Effect, 'Deny', 'the bucket policy grants nothing');
  }
});

t.test(
  'processor: stores media in the bucket, with S3 rights on that bucket alone, and reads the platform tokens',
  async (t) => {
    const { template } = packaged.processor;
    for (const name of ['processor', 'relay', 'migrate']) {
      t.match(
        lambda(template, name).Environment.Variables,
        {
          MEDIA_S3_BUCKET: stubParam('mediaBucketName'),
          PLATFORM_SECRETS_ARN: stubParam('platformSecretsArn'),
        },
        name,
      );
    }
    // The functions' shared role (the prune has its own: see below).
    const statements: any[] = template.Resources.IamRoleLambdaExecution.Properties.Policies.flatMap(
      (p: any) => p.PolicyDocument.Statement,
    );
    const list = (value: unknown): any[] => [value].flat();
    const s3 = statements.filter((s) => list(s.Action).some((a) => String(a).startsWith('s3:')));
    const objects = `arn:aws:s3:::${stubParam('mediaBucketName')}/*`;
    const bucket = `arn:aws:s3:::${stubParam('mediaBucketName')}`;
    const allowed = (action: string, resource: string) =>
      s3.some((s) => s.Effect === 'Allow' && list(s.Action).includes(action) && list(s.Resource).includes(resource));
    t.ok(allowed('s3:PutObject', objects), 'PutObject on the objects');
    t.ok(allowed('s3:GetObject', objects), 'GetObject (and so HEAD) on the objects');
    t.ok(allowed('s3:ListBucket', bucket), 'ListBucket on the bucket: HeadObject of a missing key is a 404, not a 403');
    for (const statement of s3) {
      for (const action of list(statement.Action))
        t.notMatch(String(action), /\*|Delete|Acl|Policy/, `no broad or destructive S3 action (${action})`);
      for (const resource of list(statement.Resource))
        t.ok([objects, bucket].includes(resource), `S3 rights on the media bucket only (${JSON.stringify(resource)})`);
      t.ok(
        !list(statement.Action).includes('s3:ListBucket') || list(statement.Resource).every((r) => r === bucket),
        'ListBucket on the bucket only',
      );
    }
    const secrets = statements
      .filter((s) => list(s.Action).includes('secretsmanager:GetSecretValue'))
      .flatMap((s) => list(s.Resource));
    t.same(
      secrets.sort(),
      [stubParam('auroraSecretArn'), stubParam('platformSecretsArn')].sort(),
      'both secrets, nothing else',
    );
  },
);

t.test('infrastructure: the main queue redrives to the DLQ and outlasts six processor timeouts', async (t) => {
  const { template } = packaged.infrastructure;
  const main = template.Resources.MessageQueue.Properties;
  t.same(main.RedrivePolicy.deadLetterTargetArn, { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] });
  t.ok(main.RedrivePolicy.maxReceiveCount >= 2);
  t.equal(template.Resources.DeadLetterQueue.Type, 'AWS::SQS::Queue');
  const processorTimeout = lambda(packaged.processor.template, 'processor').Timeout;
  t.ok(
    main.VisibilityTimeout >= 6 * processorTimeout,
    `visibility ${main.VisibilityTimeout} s ≥ 6 × ${processorTimeout} s`,
  );
});

t.test('no secret in plain text in any template or Lambda package', async (t) => {
  for (const service of SERVICES) {
    const { template, zip } = packaged[service];
    const text = JSON.stringify(template);
    for (const name of SECRET_VARIABLES)
      t.notOk(text.includes(`"${name}"`), `${service}: ${name} is not in the template`);
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

/** The alarm of a template watching `metric` (by name, in a plain or a metric-math alarm). */
function alarmOn(template: any, metric: string): any {
  const found = resources(template, 'AWS::CloudWatch::Alarm').filter(
    ([, r]) =>
      r.Properties.MetricName === metric ||
      (r.Properties.Metrics ?? []).some((m: any) => m.MetricStat?.Metric.MetricName === metric),
  );
  if (found.length !== 1) throw new Error(`expected one alarm on ${metric}, found ${found.length}`);
  return found[0][1].Properties;
}

t.test(
  'alarms: DLQ not empty, oldest queued message, processor errors, webhook 5xx rate, all to one topic',
  async (t) => {
    const infrastructure = packaged.infrastructure.template;
    const topic = infrastructure.Outputs.AlarmTopicArn.Value;
    t.same(topic, { Ref: 'AlarmTopic' });
    t.equal(infrastructure.Resources.AlarmTopic.Type, 'AWS::SNS::Topic');

    const dlq = alarmOn(infrastructure, 'ApproximateNumberOfMessagesVisible');
    t.match(dlq, { Namespace: 'AWS/SQS', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    t.same(dlq.Dimensions, [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['DeadLetterQueue', 'QueueName'] } }]);
    t.same(dlq.AlarmActions, [topic]);

    const age = alarmOn(infrastructure, 'ApproximateAgeOfOldestMessage');
    t.match(age, { Namespace: 'AWS/SQS', ComparisonOperator: 'GreaterThanThreshold' });
    t.same(age.Dimensions, [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['MessageQueue', 'QueueName'] } }]);
    t.ok(age.Threshold > 0, `the oldest message may wait ${age.Threshold} s`);
    t.same(age.AlarmActions, [topic]);

    const errors = alarmOn(packaged.processor.template, 'Errors');
    t.match(errors, { Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 0 });
    t.same(errors.Dimensions, [{ Name: 'FunctionName', Value: { Ref: 'ProcessorLambdaFunction' } }]);
    t.same(errors.AlarmActions, [stubParam('alarmTopicArn')]);

    const rate = alarmOn(packaged.webhook.template, '5xx');
    const api = { Name: 'ApiId', Value: { Ref: 'HttpApi' } };
    const stats = rate.Metrics.filter((m: any) => m.MetricStat);
    t.same(
      stats.map((m: any) => [
        m.MetricStat.Metric.Namespace,
        m.MetricStat.Metric.MetricName,
        m.MetricStat.Metric.Dimensions,
      ]),
      [
        ['AWS/ApiGateway', '5xx', [api]],
        ['AWS/ApiGateway', 'Count', [api]],
      ],
      "the HTTP API's 5xx against its request count",
    );
    t.equal(packaged.webhook.template.Resources.HttpApi?.Type, 'AWS::ApiGatewayV2::Api');
    t.match(rate.Metrics.find((m: any) => m.ReturnData).Expression, /errors \/ requests/);
    t.same(rate.AlarmActions, [stubParam('alarmTopicArn')]);
  },
);
