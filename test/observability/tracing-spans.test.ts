import {
  type Context,
  context,
  ROOT_CONTEXT,
  SamplingDecision,
  type Span,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  ParentBasedSampler,
  type Sampler,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import t from 'tap';
import { batchParent, contextOf, inSpan, traceCarrier } from '../../src/observability/tracing-spans.js';

// The SDK as tracing.ts registers it (AsyncLocalStorage context, W3C propagator), with a parent-based
// sampler whose roots are sampled by name, so a test picks which traces are sampled.
const byName: Sampler = {
  shouldSample: (_context, _traceId, name) => ({
    decision: name.includes('sampled') ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD,
  }),
  toString: () => 'by name',
};
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({
  sampler: new ParentBasedSampler({ root: byName }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
provider.register();
t.teardown(() => provider.shutdown());
t.beforeEach(() => exporter.reset());

const exported = () => exporter.getFinishedSpans().map((s) => s.name);

t.test('the spans of a sampled trace are recorded, each a child of the one it ran in', async (t) => {
  await inSpan('sampled request', {}, () => inSpan('verify', {}, async () => {}));
  const [verify, request] = exporter.getFinishedSpans();
  t.same([verify.name, request.name], ['verify', 'sampled request']);
  t.equal(verify.parentSpanContext?.spanId, request.spanContext().spanId);
});

t.test('under a root that is not sampled no span is made, and the work still runs in its trace', async (t) => {
  let root: Span | undefined;
  let inner: { span: Span; active: Context; carrier: Record<string, string> } | undefined;
  await inSpan('dropped request', {}, async (span) => {
    root = span;
    await inSpan('verify', {}, async (child) => {
      inner = { span: child, active: context.active(), carrier: traceCarrier() };
    });
  });
  t.same(exported(), [], 'nothing exported');
  t.equal(inner?.span, root, "the work is handed its parent's non-recording span");
  t.equal(trace.getSpan(inner!.active), root, "the parent's context stays active");
  const { traceId, spanId } = root!.spanContext();
  t.equal(inner?.carrier.traceparent, `00-${traceId}-${spanId}-00`, 'what it sends on says "not sampled"');
});

t.test("an explicit parent that is not sampled becomes the work's context", async (t) => {
  let dropped: Context | undefined;
  await inSpan('dropped request', {}, async () => {
    dropped = context.active();
  });
  const seen = await inSpan('db ingest', { parent: dropped }, async () => context.active());
  t.equal(seen, dropped);
  t.same(exported(), []);
});

t.test(
  "a remote parent is left to the sampler: a sampled one's trace is continued, even though its span is not recording",
  async (t) => {
    const remote = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await inSpan('queue process item', { parent: contextOf({ traceparent: remote }) }, async () => {});
    const [span] = exporter.getFinishedSpans();
    t.equal(span?.spanContext().traceId, '0af7651916cd43dd8448eb211c80319c');
    t.equal(span?.parentSpanContext?.spanId, 'b7ad6b7169203331');
    await inSpan(
      'queue process item',
      { parent: contextOf({ traceparent: remote.replace(/01$/, '00') }) },
      async () => {},
    );
    t.equal(exporter.getFinishedSpans().length, 1, 'one not sampled upstream stays unsampled');
  },
);

t.test('a batch span continues the first sampled trace and links only the other sampled ones', async (t) => {
  const traced = (traceId: string, sampled: boolean) =>
    trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: 'b7ad6b7169203331',
      traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    });
  const dropped = traced('1'.repeat(32), false);
  const first = traced('2'.repeat(32), true);
  const second = traced('3'.repeat(32), true);
  const { parent, links } = batchParent([dropped, first, traced('4'.repeat(32), false), second]);
  t.equal(parent, first);
  t.same(
    links.map((l) => l.context.traceId),
    ['3'.repeat(32)],
  );
  t.equal(batchParent([dropped]).parent, dropped, 'none sampled: the first, whose decision the span follows');
  t.equal(batchParent([]).parent, ROOT_CONTEXT);
});
