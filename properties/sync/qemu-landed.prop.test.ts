import { qemuLanded } from '../../src/sync/qemu-landed.ts';
import { describeLaws } from './law-tests.ts';

describeLaws(qemuLanded);
