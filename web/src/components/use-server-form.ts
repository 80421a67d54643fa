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
  const [conflict, setConflict] = useState(false);

  const submit = useCallback(
    async (action: () => Promise<unknown>, options: { versioned?: boolean } = {}): Promise<boolean> => {
      setProblems([]);
      setConflict(false);
      try {
        await action();
        return true;
      } catch (error) {
        if (options.versioned && isApiError(error) && error.status === 409 && (!error.field || error.field === 'version')) {
          setConflict(true);
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
    setConflict(false);
  }, []);

  return { form, problems, conflict, submit, clearProblems };
}
