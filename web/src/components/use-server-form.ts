import { useCallback, useState } from 'react';
import { Form } from 'antd';
import { isApiError } from '../api.js';
import { applyServerErrors } from './form-errors.js';

/**
 * An antd form whose submit runs a request and maps the server's answer back onto it:
 * field errors beside their fields, the rest in `problems`, and a stale `version` (409 with
 * no field, or field `version`) as `conflict`.
 */
export function useServerForm<T>(fields: readonly string[]) {
  const [form] = Form.useForm<T>();
  const [problems, setProblems] = useState<string[]>([]);
  /** The server's message when the record changed since it was loaded (409 on `version`). */
  const [conflict, setConflict] = useState<string | null>(null);

  const submit = useCallback(
    async (action: () => Promise<unknown>, options: { versioned?: boolean } = {}): Promise<boolean> => {
      setProblems([]);
      setConflict(null);
      try {
        await action();
        return true;
      } catch (error) {
        if (options.versioned && isApiError(error) && error.status === 409 && (!error.field || error.field === 'version')) {
          setConflict(error.message);
          return false;
        }
        setProblems(applyServerErrors(form, error, fields));
        return false;
      }
    },
    [form, fields],
  );

  const clearProblems = useCallback(() => {
    setProblems([]);
    setConflict(null);
  }, []);

  return { form, problems, conflict, submit, clearProblems };
}
