import { reference } from '../../src/sync/reference.ts';
import { describeLaws } from './law-tests.ts';

describeLaws(reference);
