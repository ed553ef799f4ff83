/**
 * What Graph says about WhatsApp message templates: the list a WABA answers, and the two
 * WABA-level webhook changes that report a template's new status or category. From Meta's references:
 * https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates/
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update
 */

/** One page of `GET /{waba-id}/message_templates`. */
export interface WhatsAppTemplatePage {
  data: {
    id: string;
    name: string;
    language: string;
    status: string;
    category?: string;
    components?: unknown[];
  }[];
  /** `next` is present while another page follows; `cursors.after` is what asks for it. */
  paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
}

/** The `value` of a `message_template_status_update` change. */
export interface WhatsAppTemplateStatusValue {
  /** APPROVED, REJECTED, PAUSED, DISABLED, REINSTATED, FLAGGED, PENDING_DELETION… */
  event: string;
  /** An integer in Meta's examples. */
  message_template_id: number | string;
  message_template_name: string;
  message_template_language: string;
  /** Why it was rejected; NONE, or null for a template scheduled for deletion. */
  reason?: string | null;
  message_template_category?: string;
}

/** The `value` of a `template_category_update` change: `new_category` is the current category in both kinds. */
export interface WhatsAppTemplateCategoryValue {
  message_template_id: number | string;
  message_template_name: string;
  message_template_language: string;
  new_category: string;
  /** A completed change only. */
  previous_category?: string;
  /** An impending change only: the category it takes at `category_update_timestamp`. */
  correct_category?: string;
  category_update_timestamp?: number;
}
