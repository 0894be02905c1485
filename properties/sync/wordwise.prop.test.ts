import { wordwise } from '../../src/sync/wordwise.ts';
import { describeLaws } from './law-tests.ts';

describeLaws(wordwise);
