import type { MessageContent } from '../types.js';
import { array, compact, id, number, record, string, type JsonRecord } from './guards.js';
import type { NormalisedMessage } from './types.js';

/**
 * A checklist (Bot API 9.1) renders as its title; its tasks, with who completed each and when,
 * travel in `extra.checklist`.
 */
export function checklistBody(checklist: JsonRecord): NormalisedMessage {
  const title = string(checklist.title) ?? null;
  const tasks = array(checklist.tasks).map((entry) => {
    const task = record(entry);
    const completedAt = number(task?.completion_date);
    return compact({
      id: number(task?.id),
      text: string(task?.text),
      done: completedAt !== undefined && completedAt > 0,
      completedBy: id(record(task?.completed_by_user)?.id) ?? id(record(task?.completed_by_chat)?.id),
      completedAt: completedAt && completedAt > 0 ? completedAt : undefined,
    });
  });
  const extra = {
    checklist: compact({
      title: title ?? undefined,
      tasks,
      othersCanAddTasks: checklist.others_can_add_tasks === true ? true : undefined,
      othersCanMarkTasksAsDone: checklist.others_can_mark_tasks_as_done === true ? true : undefined,
    }),
  };
  return {
    type: 'checklist',
    text: title,
    content: compact<MessageContent>({ kind: 'text', text: title ?? undefined, extra }),
  };
}
