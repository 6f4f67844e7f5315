/**
 * Child process of the SIGKILL test: opens the project, records one decision, says so on stdout, then waits to
 * be killed. Nothing after the write (no close, no checkpoint) ever runs.
 */
import { openDatabase } from '../../../../src-main/project/db';
import { ReviewService } from '../../../../src-main/review/review-service';

const [path, left, right] = process.argv.slice(2);
const db = openDatabase(path);
const review = new ReviewService(db, { defaultCurator: 'killed curator' });
review.decide({ left: Number(left), right: Number(right), verdict: 'accept', note: 'written just before SIGKILL' });
process.stdout.write('recorded\n');
setInterval(() => undefined, 1000);
