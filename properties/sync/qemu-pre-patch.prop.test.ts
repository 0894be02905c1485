import { qemuPrePatch } from '../../src/sync/qemu-pre-patch.ts';
import { describeLaws } from './law-tests.ts';

describeLaws(qemuPrePatch);
