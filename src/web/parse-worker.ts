/** Worker-thread entry of the parse pool (parse-pool.ts): one upload task at a time. */
import { parentPort } from 'node:worker_threads';
import type { ApiError } from './api-types';
import { toHttpError } from './http';
import { runUploadTask, type UploadResult, type UploadTask } from './upload-tasks';

export interface ParseRequest {
  seq: number;
  task: UploadTask;
}

export type ParseReply =
  | { seq: number; ok: true; result: UploadResult }
  | { seq: number; ok: false; status: number; error: ApiError };

const port = parentPort;
if (port) {
  port.on('message', ({ seq, task }: ParseRequest) => {
    let reply: ParseReply;
    try {
      reply = { seq, ok: true, result: runUploadTask(task) };
    } catch (error) {
      const http = toHttpError(error);
      reply = { seq, ok: false, status: http.status, error: http.body };
    }
    port.postMessage(reply);
  });
}
