import type { FormInstance } from 'antd';
import { useI18n } from '../i18n.js';
import { changes, cleanRecord, withLists } from './form-values.js';
import { useServerForm } from './use-server-form.js';

/** What the page hosting a registry form (create page, edit drawer) gives it. */
export interface EditFormProps {
  /** Sends the body (whole record on create, changed fields on edit); throws ApiError. */
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onCancel: () => void;
  /** Reloads the record after a stale-version conflict. */
  onReload?: () => void;
  submitting: boolean;
}

type Body = Record<string, unknown>;

interface EditFormOptions<V> extends EditFormProps {
  /** The body's top-level fields: the default diff, and where the server's field errors go. */
  fields: readonly string[];
  /** The record being edited (its version goes with the PATCH); absent when creating. */
  record: { version: number } | undefined;
  /** The form's initial values; on edit, what the PATCH is compared with. */
  initial: V;
  /** The cleaned values before they are sent (create and edit), e.g. without fields that do not apply. */
  prepare?: (next: Body) => Body;
  /** On edit, the changed fields; by default `changes(previous, next, fields)`. */
  diff?: (previous: Body, next: Body) => Body;
  /** List fields sent with every non-empty PATCH (see `withLists`). */
  lists?: readonly string[];
}

/** The props of `<EditForm>` that `useEditForm` gathers. */
export interface EditFormState<V> {
  form: FormInstance<V>;
  initialValues: V;
  onFinish: (values: V) => void;
  problems: string[];
  conflict: string | null;
  onReload?: () => void;
  onCancel: () => void;
  submitting: boolean;
}

/**
 * A registry record's create/edit form: POSTs the cleaned values, or PATCHes the changed
 * fields with the record's version (nothing changed: just closes), and puts the server's
 * field errors and version conflict back on the form.
 */
export function useEditForm<V extends object>({
  fields,
  record,
  initial,
  prepare,
  diff,
  lists = [],
  onSubmit,
  onCancel,
  onReload,
  submitting,
}: EditFormOptions<V>): { form: FormInstance<V>; formProps: EditFormState<V> } {
  const { form, problems, conflict, submit } = useServerForm<V>(fields);

  const onFinish = (values: V) => {
    const cleaned = cleanRecord(values) as Body;
    const next = prepare ? prepare(cleaned) : cleaned;
    if (!record) {
      void submit(() => onSubmit(next));
      return;
    }
    const previous = cleanRecord(initial) as Body;
    const patch = withLists(diff ? diff(previous, next) : changes(previous, next, fields), previous, lists);
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    void submit(() => onSubmit({ version: record.version, ...patch }), { versioned: true });
  };

  return { form, formProps: { form, initialValues: initial, onFinish, problems, conflict, onReload, onCancel, submitting } };
}

/** A `required` rule with its localized message (请填写{label}). */
export function useRequiredRule() {
  const { t } = useI18n();
  return (label: string) => ({ required: true, message: t('field.required', { label }) });
}
